import { z } from "zod";
import type { Post } from "../../server/services/posts";

/*
 * The feed's API shapes (edits, and what follows them), in the API's snake_case wire format.
 */

const isoOrNull = z.string().datetime({ offset: true }).nullable().describe("ISO 8601 date-time, or null");

export const FeedPostOut = z.object({
  id: z.string().uuid(),
  room_id: z.string().uuid(),
  author_id: z.string().uuid(),
  author_name: z.string(),
  message: z.string().describe("Empty once deleted"),
  is_deleted: z.boolean(),
  created_at: z.string().datetime({ offset: true }),
  edited_at: isoOrNull.describe("When its author last edited it; null if never"),
});

export const feedPostOut = (post: Post) => ({
  id: post.id,
  room_id: post.roomId,
  author_id: post.creatorId,
  author_name: post.authorName,
  message: post.message,
  is_deleted: post.isDeleted,
  created_at: post.createdAt,
  edited_at: post.editedAt,
});

export const ReactionOut = z.object({
  emoji: z.string(),
  reacted: z.boolean().describe("true: the caller's reaction is now there; false: it was taken back"),
});
