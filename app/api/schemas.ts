import { z } from "zod";
import { PasswordResetRequestSchema, SignInSchema } from "../../server/schemas/auth";
import {
  confirmPasswordField,
  emailField,
  linkTokenField,
  newPasswordField,
  personNameField,
  usernameField,
} from "../../server/schemas/fields";
import { inviteTokenField } from "../../server/schemas/meetings";
import { participantRow, participantRows } from "../../server/schemas/participants";
import { postMessageField, roomDescriptionField, roomNameField } from "../../server/schemas/rooms";
import { searchQueryField } from "../../server/schemas/search";

/**
 * The API's wire format: the customer's contract (original spec §4.2 and §5.1), snake_case in
 * every body and answer. Request bodies are built from the same field rules as the forms
 * (server/schemas); the OpenAPI document is generated from these, and answers are serialised
 * through them.
 */

// Dates leave as ISO 8601 strings (respond() serialises before it checks).
const isoDate = z.string().datetime({ offset: true }).describe("ISO 8601 date-time");
const uuid = z.string().uuid();
const role = z.enum(["owner", "moderator", "participant"]);

// Queries
const pageSize = (max: number) => z.coerce.number().int().min(1).max(max).optional();
const cursor = z.string().max(200).optional().describe('From the previous answer\'s Link rel="next"');
export const RoomListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((s) => s || undefined),
  cursor,
  limit: pageSize(100),
});
export const PostListQuery = z.object({
  q: searchQueryField
    .optional()
    .describe("Only posts holding every word, case-insensitively (2–100 characters, at most 6 words); deleted posts never match"),
  cursor,
  limit: pageSize(100),
});

// Bodies
export const SignUpBody = z
  .object({
    username: usernameField,
    email: emailField,
    name: personNameField,
    password: newPasswordField,
    confirm_password: confirmPasswordField,
  })
  .superRefine((body, ctx) => {
    if (body.password !== body.confirm_password) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm_password"], message: "The two passwords do not match" });
    }
  });
export const SignInBody = SignInSchema;
export const ResetRequestBody = PasswordResetRequestSchema;
export const ResetConfirmBody = z.object({ token: linkTokenField, new_password: newPasswordField });
export const RoomBody = z.object({ room_name: roomNameField, description: roomDescriptionField });
/** Rename or describe: either field, or both. */
export const RoomPatchBody = z
  .object({ room_name: z.string(), description: z.string().nullable() })
  .partial()
  .refine((body) => body.room_name !== undefined || body.description !== undefined, "Send room_name, description or both");
/** One person, as the customer's client sends it. */
export const ParticipantBody = participantRow;
/** Up to 50 people, all or nothing. */
export const ParticipantBatchBody = z.object({ participants: participantRows });
export const JoinBody = z.object({ invite_token: inviteTokenField.optional(), display_name: personNameField.optional() });
export const PostBody = z.object({ message: postMessageField });
export const ReadBody = z.object({
  post_id: uuid.optional().describe("Read up to this post of the room; without it, up to its newest"),
});

// Answers
export const UserOut = z.object({ id: uuid, username: z.string(), email: z.string(), name: z.string(), created_at: isoDate });
export const AuthOut = z.object({
  token: z.string().describe("Send as Authorization: Bearer <token>"),
  user: UserOut,
  expires_at: isoDate,
});
export const RoomOut = z.object({
  id: uuid,
  room_name: z.string(),
  description: z.string().nullable(),
  owner_id: uuid,
  room_sid: z.string().nullable(),
  livekit_room_name: z.string().nullable(),
  created_at: isoDate,
  updated_at: isoDate,
  participant_count: z.number().int(),
  is_owner: z.boolean(),
  role: role.describe("The caller's role in the room"),
  in_meeting_count: z.number().int().describe("How many are in the room's meeting now"),
  last_activity_at: isoDate,
});
export const RoomDetailOut = RoomOut.extend({ in_meeting: z.array(z.string()).describe("Names of those in the meeting now") });
const unreadCount = (what: string) => z.number().int().min(0).max(100).describe(`${what}; counted up to 100 (show "99+" past 99)`);
export const RoomListItemOut = RoomOut.extend({
  unread_count: unreadCount("Others' posts after the caller's read point (not deleted ones, not meeting entries)"),
  unread_mention_count: unreadCount("Of those, the ones that mention the caller"),
});
export const RoomListOut = z.array(RoomListItemOut);
export const ReadPointOut = z.object({
  room_id: uuid,
  last_read_post_id: uuid.nullable().describe("The caller has read up to this post; null: nothing yet (the room has no posts)"),
  last_read_at: isoDate.nullable().describe("That post's created_at"),
});
export const ParticipantOut = z.object({
  id: uuid,
  room_id: uuid,
  participant_id: uuid.describe("The id to remove them by (the same as id)"),
  user_id: uuid.nullable(),
  email: z.string(),
  name: z.string(),
  role,
  joined_at: isoDate.nullable(),
  created_at: isoDate,
  // A union with null (not `.nullable()`), so the document's JSON Schema allows null alongside the enum.
  invite_status: z.union([z.enum(["pending", "accepted", "expired", "revoked"]), z.null()]),
  delivery_status: z.union([z.enum(["queued", "sent", "failed"]), z.null()]),
  in_meeting: z.boolean(),
});
export const ParticipantListOut = z.array(ParticipantOut);
export const InvitationOut = z.object({
  participant_id: uuid,
  invite_token: z.string().describe("Shown this once; only its hash is stored"),
  invite_url: z.string().describe("The link emailed to them, which the owner may also share by hand"),
});
export const InvitationListOut = z.array(InvitationOut);
export const MeetingSummaryOut = z.object({
  started_at: isoDate,
  ended_at: isoDate.nullable(),
  duration_seconds: z.number().int().nullable().describe("Null while the meeting goes on"),
  attendees: z.array(z.string()).describe("Names in the order they first joined; the first started the meeting"),
});
export const PostOut = z.object({
  id: uuid,
  room_id: uuid,
  kind: z
    .enum(["post", "meeting_started", "meeting_ended"])
    .describe("A member's post, or an entry Parley wrote (no one may edit or delete those)"),
  creator_id: uuid.nullable().describe("Null for Parley's entries"),
  message: z.string().describe("Empty once deleted, and for Parley's entries"),
  is_deleted: z.boolean(),
  created_at: isoDate,
  updated_at: isoDate,
  creator: z.object({ id: uuid, username: z.string(), name: z.string() }).nullable().describe("Null for Parley's entries"),
  meeting: MeetingSummaryOut.nullable().describe("Set on meeting entries"),
  edited_at: isoDate.nullable().describe("When its author last edited it; null if never"),
  reactions: z
    .array(z.object({ emoji: z.string(), count: z.number().int(), mine: z.boolean().describe("Whether the caller is one of them") }))
    .optional()
    .describe("On list pages: each emoji's count"),
  mentions: z
    .array(z.object({ user_id: uuid, username: z.string() }))
    .describe("The room's members the post names with @username (never its author); empty once deleted"),
});
export const ReactionOut = z.object({
  emoji: z.string(),
  reacted: z.boolean().describe("true: the caller's reaction is now there; false: it was taken back"),
});
export const PostListOut = z.array(PostOut).describe("Newest first");
export const JoinOut = z.object({
  token: z.string().describe("LiveKit access token for this room, valid 10 minutes"),
  server_url: z.string().describe("LiveKit server (ws:// or wss://)"),
  identity: z.string(),
  expires_at: isoDate,
});
export const InviteOut = z.object({
  id: uuid,
  room_id: uuid,
  room_name: z.string(),
  inviter_name: z.string(),
  created_at: isoDate,
  expires_at: isoDate,
  expired: z.boolean(),
});
export const InviteListOut = z.array(InviteOut);
export const AcceptedOut = z.object({ room_id: uuid });
export const MessageOut = z.object({ message: z.string() });
export const ErrorOut = z.object({
  message: z.string().describe("For people: what went wrong"),
  code: z.string().describe("For programs: e.g. validation_failed, not_found"),
  fields: z.record(z.array(z.string())).optional().describe("Messages by field, e.g. participants.2.email"),
});
