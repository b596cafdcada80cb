import { parseWithZod } from "@conform-to/zod";
import { ReactionFormSchema } from "../../server/schemas/reactions";
import { PostSchema, RoomSearchSchema } from "../../server/schemas/rooms";

/*
 * Parsing for the forms of pages that validate nothing in the browser (the room's composer, the
 * rooms search). Kept in a server-only module so that zod and conform stay out of those pages'
 * JavaScript: a route file's imports reach the browser bundle even when only its action uses them.
 */

export function parsePostForm(formData: FormData) {
  return parseWithZod(formData, { schema: PostSchema });
}

/** The rooms search's `q` and `cursor`; anything unreadable is simply ignored (it is a GET form). */
export function parseRoomSearch(params: URLSearchParams): { q?: string; cursor?: string } {
  const search = RoomSearchSchema.safeParse(Object.fromEntries(params));
  return search.success ? search.data : {};
}

/** A reaction button's "<post id> <emoji>", or null when it is not one of the six on a post id. */
export function parseReaction(formData: FormData) {
  const parsed = ReactionFormSchema.safeParse(formData.get("reaction"));
  return parsed.success ? parsed.data : null;
}
