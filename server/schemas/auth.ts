import { z } from "zod";
import {
  confirmPasswordField,
  currentPasswordField,
  emailField,
  linkTokenField,
  newPasswordField,
  passwordsMustMatch,
  personNameField,
  usernameField,
} from "./fields";

export const SignUpSchema = z
  .object({
    username: usernameField,
    email: emailField,
    name: personNameField,
    password: newPasswordField,
    confirmPassword: confirmPasswordField,
  })
  .superRefine(passwordsMustMatch);
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: emailField,
  password: currentPasswordField,
});
export type SignInInput = z.infer<typeof SignInSchema>;

export const PasswordResetRequestSchema = z.object({ email: emailField });

export const PasswordResetSchema = z
  .object({
    token: linkTokenField,
    password: newPasswordField,
    confirmPassword: confirmPasswordField,
  })
  .superRefine(passwordsMustMatch);
export type PasswordResetInput = z.infer<typeof PasswordResetSchema>;
