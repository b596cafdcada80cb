import { z } from "zod";

/**
 * Field rules shared by the forms (server and browser), the JSON API and the services.
 * Plain zod only: this module is bundled into the browser.
 */

export const MAX_PASSWORD_BYTES = 72;
export const MIN_PASSWORD_CHARS = 10;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hasControlCharacters = (s: string) => /[\u0000-\u001f\u007f]/.test(s);

export const emailField = z
  .string({ required_error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(255, "Email addresses can be at most 255 characters")
  .email("Enter a valid email address, like name@example.com")
  .transform((email) => email.toLowerCase());

// The customer's limits (original spec §4.2), the same for pages and the JSON API.
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 50;

export const usernameField = z
  .string({ required_error: "Choose a username" })
  .trim()
  .min(USERNAME_MIN, `Usernames are ${USERNAME_MIN} to ${USERNAME_MAX} characters`)
  .max(USERNAME_MAX, `Usernames are ${USERNAME_MIN} to ${USERNAME_MAX} characters`)
  .regex(/^[A-Za-z0-9._-]+$/, "Use only letters, digits, dots, underscores and hyphens");

/**
 * A person's name; `missing` is what to say when it is empty ("Enter your name", "Enter their name"),
 * `min` its shortest length (a participant's name has at least 2 characters).
 */
export const personName = (missing: string, min = 1) =>
  z
    .string({ required_error: missing })
    .trim()
    .min(1, missing)
    .max(100, "Names can be at most 100 characters")
    .refine((s) => s.length === 0 || s.length >= min, `Names need at least ${min} characters`)
    .refine((s) => !hasControlCharacters(s), "Names cannot contain line breaks or control characters");

export const personNameField = personName("Enter your name");

/** A new password: bcrypt reads only the first 72 bytes, so longer ones are refused, never cut. */
export const newPasswordField = z
  .string({ required_error: "Choose a password" })
  .min(1, "Choose a password")
  .refine((p) => [...p].length >= MIN_PASSWORD_CHARS, `Passwords need at least ${MIN_PASSWORD_CHARS} characters`)
  .refine(
    (p) => utf8Length(p) <= MAX_PASSWORD_BYTES,
    `Passwords can be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt's limit): that is 72 plain letters, fewer with accented letters or emoji`,
  );

/** A password being checked, not chosen: any length up to a sane bound. */
export const currentPasswordField = z
  .string({ required_error: "Enter your password" })
  .min(1, "Enter your password")
  .max(1024, "That password is too long");

export const confirmPasswordField = z.string({ required_error: "Type the password again" }).max(1024);

export function passwordsMustMatch<T extends { password: string; confirmPassword: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirmPassword"], message: "The two passwords do not match" });
  }
}

/** Tokens from emailed links: base64url of 32 random bytes. */
export const linkTokenField = z
  .string({ required_error: "This link is incomplete" })
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, "This link is not valid");
