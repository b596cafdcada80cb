import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: what goes in an emailed link. */
export function generateLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this is stored, so a database leak gives no usable link. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Session ids: 256 random bits (not a UUID, whose randomness is only 122 bits). */
export function generateSessionId(): string {
  return randomBytes(32).toString("base64url");
}
