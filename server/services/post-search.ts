import { ValidationError } from "../errors";
import type { Post, PostsRepository } from "../repositories/posts";
import { searchQueryField, searchWords } from "../schemas/search";
import { decodeCursor, encodeCursor, pageSize } from "./cursors";
import type { Member, RoomAccess, RoomsService } from "./rooms";

export const RESULTS_PER_PAGE = 20;

export interface SearchOptions {
  /** What to look for: every word must occur in a post (validated here: 2–100 characters, at most 6 words). */
  q: string;
  /** Where the previous page of results ended. */
  before?: string;
  limit?: number;
}

export interface SearchPage {
  /** Newest first. */
  posts: Post[];
  /** The distinct words looked for, which the results mark. */
  words: string[];
  /** Where "Older results" goes, or null when these are the last. */
  olderCursor: string | null;
}

export interface PostSearchService {
  /** A member's search of a room's posts (not deleted ones); anyone else gets the room's NotFoundError. */
  search(userId: string, roomId: string | undefined, options: SearchOptions): Promise<SearchPage>;
  /** The room page searching: the room as its member sees it, the results and, when asked, its members. */
  view(
    userId: string,
    roomId: string | undefined,
    options: SearchOptions & { withMembers?: boolean },
  ): Promise<{ access: RoomAccess; results: SearchPage; members: Member[] | null }>;
}

function wordsOf(q: string): string[] {
  const parsed = searchQueryField.safeParse(q);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => issue.message);
    throw new ValidationError(messages[0]!, { q: messages });
  }
  return searchWords(parsed.data);
}

export function createPostSearchService(deps: { posts: PostsRepository; roomsService: RoomsService }): PostSearchService {
  const { posts, roomsService } = deps;

  async function resultsIn(roomId: string, words: string[], options: SearchOptions): Promise<SearchPage> {
    const before = decodeCursor(options.before);
    const limit = pageSize(options.limit, RESULTS_PER_PAGE);
    const rows = await posts.search(roomId, words, before && { createdAt: before.at, id: before.id }, limit + 1);
    const page = rows.slice(0, limit);
    const oldest = page[page.length - 1];
    return { posts: page, words, olderCursor: rows.length > limit && oldest ? encodeCursor(oldest.createdAt, oldest.id) : null };
  }

  return {
    async search(userId, roomId, options) {
      const words = wordsOf(options.q);
      const { room } = await roomsService.getForMember(userId, roomId);
      return resultsIn(room.id, words, options);
    },

    async view(userId, roomId, { withMembers, ...options }) {
      const words = wordsOf(options.q);
      const access = await roomsService.getForMember(userId, roomId);
      const [results, members] = await Promise.all([
        resultsIn(access.room.id, words, options),
        withMembers ? roomsService.membersOf(access) : null,
      ]);
      return { access, results, members };
    },
  };
}
