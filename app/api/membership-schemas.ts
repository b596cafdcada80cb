import { z } from "zod";
import type { InviteLinkShare } from "../../server/services/participants";
import type { Member } from "../../server/services/rooms";

/**
 * Answers of the roles, leave, hand-over, invitation-link and meeting-removal endpoints, in the
 * API's wire format: snake_case fields, dates as ISO 8601 strings.
 */
const uuid = z.string().uuid();

export const MemberOut = z.object({
  id: uuid,
  user_id: uuid.nullable(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["owner", "moderator", "participant"]),
});

export const InviteLinkOut = z.object({
  url: z.string().url().describe("The new invitation link; the one emailed before no longer works"),
  expires_at: z.string().datetime({ offset: true }),
  name: z.string(),
  email: z.string(),
});

export const memberOut = (p: Pick<Member, "id" | "userId" | "email" | "name" | "role">) => ({
  id: p.id,
  user_id: p.userId,
  email: p.email,
  name: p.name,
  role: p.role,
});

export const inviteLinkOut = (share: InviteLinkShare) => ({
  url: share.url,
  expires_at: share.expiresAt.toISOString(),
  name: share.name,
  email: share.email,
});
