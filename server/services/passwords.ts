import bcrypt from "bcryptjs";
import { dictionary } from "@zxcvbn-ts/language-common";
import { ValidationError } from "../errors";
import type { BcryptWork } from "./bcrypt-pool";

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Always does the full bcrypt work, even when there is no hash to check (see `verifyOrWaste`). */
  verify(password: string, hash: string): Promise<boolean>;
  /** Spends the time of one verification and fails: used when no user matches, so timing says nothing. */
  verifyNothing(password: string): Promise<false>;
}

/** bcryptjs on the calling thread: for tests and scripts, where a worker pool is not worth starting. */
const inProcessBcrypt: Pick<BcryptWork, "hash" | "compare"> = {
  hash: (password, cost) => bcrypt.hash(password, cost),
  compare: (password, hash) => bcrypt.compare(password, hash),
};

export function createBcryptHasher(cost: number, work: Pick<BcryptWork, "hash" | "compare"> = inProcessBcrypt): PasswordHasher {
  // A real hash at the same cost, so comparing against it takes as long as a real check.
  const dummyHash = bcrypt.hashSync("parley-dummy-password-for-timing", cost);
  return {
    hash: (password) => work.hash(password, cost),
    async verify(password, hash) {
      // bcryptjs would compare only the first 72 bytes; such a password was never accepted as new.
      if (bcrypt.truncates(password)) {
        await work.compare(password.slice(0, 10), dummyHash);
        return false;
      }
      return work.compare(password, hash);
    },
    async verifyNothing(password) {
      await work.compare(password.slice(0, 72), dummyHash);
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
