import { z } from "zod";
import {
  confirmPasswordField,
  currentPasswordField,
  emailField,
  newPasswordField,
  passwordsMustMatch,
  personNameField,
  usernameField,
} from "./fields";

export const ProfileSchema = z.object({ name: personNameField, username: usernameField });
export type ProfileInput = z.infer<typeof ProfileSchema>;

export const ChangeEmailSchema = z.object({ email: emailField, currentPassword: currentPasswordField });
export type ChangeEmailInput = z.infer<typeof ChangeEmailSchema>;

export const ChangePasswordSchema = z
  .object({
    currentPassword: currentPasswordField,
    password: newPasswordField,
    confirmPassword: confirmPasswordField,
  })
  .superRefine(passwordsMustMatch);
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

/** The profile's "Email me when someone mentions me" box: checked sends "on", unchecked sends nothing (off). */
export const MentionEmailsSchema = z.object({ mentionEmails: z.boolean().default(false) });
export type MentionEmailsInput = z.infer<typeof MentionEmailsSchema>;
