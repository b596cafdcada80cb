import bcrypt from "bcryptjs";
import { dictionary } from "@zxcvbn-ts/language-common";
import { ValidationError } from "../errors";

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Always does the full bcrypt work, even when there is no hash to check (see `verifyOrWaste`). */
  verify(password: string, hash: string): Promise<boolean>;
  /** Spends the time of one verification and fails: used when no user matches, so timing says nothing. */
  verifyNothing(password: string): Promise<false>;
}

export function createBcryptHasher(cost: number): PasswordHasher {
  // A real hash at the same cost, so comparing against it takes as long as a real check.
  const dummyHash = bcrypt.hashSync("parley-dummy-password-for-timing", cost);
  return {
    hash: (password) => bcrypt.hash(password, cost),
    async verify(password, hash) {
      // bcryptjs would compare only the first 72 bytes; such a password was never accepted as new.
      if (bcrypt.truncates(password)) {
        await bcrypt.compare(password.slice(0, 10), dummyHash);
        return false;
      }
      return bcrypt.compare(password, hash);
    },
    async verifyNothing(password) {
      await bcrypt.compare(password.slice(0, 72), dummyHash);
      return false;
    },
  };
}

/** About 49,000 passwords seen most in leaks, from zxcvbn's common list, compared ignoring case. */
const commonPasswords = new Set(dictionary["passwords-common"].map((p: string) => p.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/** Rules that need the server (the common-password list is too big for the browser). */
export function assertAcceptableNewPassword(password: string, field = "password") {
  if (isCommonPassword(password)) {
    throw new ValidationError("Choose a less common password", {
      [field]: ["This password is one of the most common ones and easy to guess: choose another"],
    });
  }
}
