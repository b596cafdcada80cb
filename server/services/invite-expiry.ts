/** When a room invitation stops working: the one definition every service uses, on the injected clock. */
export const INVITE_TTL_DAYS = 7;
const INVITE_TTL_MS = INVITE_TTL_DAYS * 24 * 3600_000;

export const inviteExpiresAt = (createdAt: Date) => new Date(createdAt.getTime() + INVITE_TTL_MS);

/** Expired from the instant `expiresAt` is reached (`now >= expiresAt`), or when marked so. */
export const isInviteExpired = (invite: { expiresAt: Date; status?: string | null }, now: Date) =>
  invite.status === "expired" || now.getTime() >= invite.expiresAt.getTime();
