import { describe, expect, it } from "vitest";
import { DAY } from "../../tests/support/test-clock";
import { INVITE_TTL_DAYS, inviteExpiresAt, isInviteExpired } from "./invite-expiry";

describe("invitation expiry", () => {
  const createdAt = new Date("2026-01-15T12:00:00Z");
  const expiresAt = inviteExpiresAt(createdAt);

  it("expires INVITE_TTL_DAYS after it was made", () => {
    expect(expiresAt.getTime() - createdAt.getTime()).toBe(INVITE_TTL_DAYS * DAY);
  });

  it("is usable until the last millisecond and expired from the instant expiresAt is reached", () => {
    expect(isInviteExpired({ expiresAt }, new Date(expiresAt.getTime() - 1))).toBe(false);
    expect(isInviteExpired({ expiresAt }, expiresAt)).toBe(true);
    expect(isInviteExpired({ expiresAt }, new Date(expiresAt.getTime() + 1))).toBe(true);
  });

  it("is expired whenever its status says so, and not for any other status", () => {
    expect(isInviteExpired({ expiresAt, status: "expired" }, createdAt)).toBe(true);
    expect(isInviteExpired({ expiresAt, status: "pending" }, createdAt)).toBe(false);
  });
});
