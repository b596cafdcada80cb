import { searchQueryField } from "../../server/schemas/search";

/**
 * The room page's `?q=`: absent or blank is the feed; otherwise the search, or the field's message
 * (the page answers 400 with it). Server-only, so zod stays out of the room page's JavaScript.
 */
export function parseRoomPostSearch(params: URLSearchParams): { q: string | null; error: string | null } {
  const raw = params.get("q");
  if (raw === null || raw.trim() === "") return { q: null, error: null };
  const parsed = searchQueryField.safeParse(raw);
  return parsed.success ? { q: parsed.data, error: null } : { q: null, error: parsed.error.issues[0]!.message };
}
