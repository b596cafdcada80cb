import { z } from "zod";
import { AddParticipantsSchema } from "../../server/schemas/participants";
import { personNameField } from "../../server/schemas/fields";
import { inviteTokenField } from "../../server/schemas/meetings";
import { RoomSchema } from "../../server/schemas/rooms";

/**
 * The API's own shapes: query parameters, the few bodies that differ from a form's, and every
 * response. Request bodies otherwise are the forms' schemas (server/schemas). The OpenAPI
 * document is generated from these, and responses are serialised through them.
 */

// Dates leave as ISO 8601 strings (respond() serialises before it checks).
const toIso = z.string().datetime({ offset: true }).describe("ISO 8601 date-time");
const nullableIso = toIso.nullable();
const uuid = z.string().uuid();
const pageSize = (max: number) => z.coerce.number().int().min(1).max(max).optional();

// Queries
export const RoomListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((s) => s || undefined),
  cursor: z.string().max(200).optional(),
  limit: pageSize(100),
});
export const PostListQuery = z.object({ before: z.string().max(200).optional(), limit: pageSize(100) });

// Bodies that are not a form's
/** Rename or describe: either field, or both. */
export const RoomPatchBody = z
  .object({ name: z.string(), description: z.string().nullable() })
  .partial()
  .refine((body) => body.name !== undefined || body.description !== undefined, "Send name, description or both");
export const RoomPatchResolved = RoomSchema;
/** One person (`email`, `name`) or a batch (`rows`), with the same all-or-nothing rules as the page. */
export const ParticipantsBody = z.union([
  AddParticipantsSchema.strict(),
  z
    .object({ email: z.string(), name: z.string() })
    .strict()
    .transform((one) => ({ rows: [one] }))
    .pipe(AddParticipantsSchema),
]);
export const JoinBody = z.object({ inviteToken: inviteTokenField.optional(), displayName: personNameField.optional() });

// Responses
export const UserOut = z.object({ id: uuid, username: z.string(), email: z.string(), name: z.string() });
export const SessionOut = z.object({
  token: z.string().describe("Send as Authorization: Bearer <token>"),
  expiresAt: toIso,
  user: UserOut,
});
export const RoomOut = z.object({
  id: uuid,
  name: z.string(),
  description: z.string().nullable(),
  role: z.enum(["owner", "moderator", "participant"]),
  memberCount: z.number().int(),
  inMeetingCount: z.number().int(),
  lastPostAt: nullableIso,
  lastActivityAt: toIso,
  createdAt: toIso,
});
export const RoomListOut = z.object({ rooms: z.array(RoomOut), nextCursor: z.string().nullable() });
export const RoomDetailOut = z.object({
  id: uuid,
  name: z.string(),
  description: z.string().nullable(),
  role: z.enum(["owner", "moderator", "participant"]),
  isOwner: z.boolean(),
  inMeeting: z.array(z.string()).describe("Names of those in the meeting now"),
  createdAt: toIso,
});
export const ParticipantOut = z.object({
  id: uuid,
  userId: uuid.nullable(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["owner", "moderator", "participant"]),
  // A union with null (not `.nullable()`), so the document's JSON Schema allows null alongside the enum.
  inviteStatus: z.union([z.enum(["pending", "accepted", "expired", "revoked"]), z.null()]),
  deliveryStatus: z.union([z.enum(["queued", "sent", "failed"]), z.null()]),
  inMeeting: z.boolean(),
  joinedAt: nullableIso,
});
export const ParticipantListOut = z.object({ participants: z.array(ParticipantOut) });
export const AddedOut = z.object({ added: z.number().int() });
export const PostOut = z.object({
  id: uuid,
  authorId: uuid,
  authorName: z.string(),
  message: z.string().describe("Empty once deleted"),
  isDeleted: z.boolean(),
  createdAt: toIso,
});
export const PostListOut = z.object({ posts: z.array(PostOut).describe("Oldest first"), olderCursor: z.string().nullable() });
export const JoinOut = z.object({
  serverUrl: z.string().describe("LiveKit server (ws:// or wss://)"),
  token: z.string().describe("LiveKit access token for this room, valid 10 minutes"),
  identity: z.string(),
  expiresAt: toIso,
});
export const InviteOut = z.object({
  id: uuid,
  roomId: uuid,
  roomName: z.string(),
  inviterName: z.string(),
  createdAt: toIso,
  expiresAt: toIso,
  expired: z.boolean(),
});
export const InviteListOut = z.object({ invites: z.array(InviteOut) });
export const AcceptedOut = z.object({ roomId: uuid });
export const MessageOut = z.object({ message: z.string() });
export const ErrorOut = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.array(z.string())).optional().describe("Messages by field, e.g. rows.2.email"),
  }),
});
