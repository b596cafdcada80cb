import type { Clock } from "../clock";
import { ForbiddenError, NotFoundError } from "../errors";
import type { Post, PostsRepository } from "../repositories/posts";
import type { RoomsRepository } from "../repositories/rooms";
import type { TransactionRunner } from "../repositories/transaction";
import type { RoomEvent, RoomEvents } from "../realtime/room-events";
import type { PostInput } from "../schemas/rooms";
import { decodeCursor, encodeCursor, isUuid } from "./cursors";
import { RATE_POLICIES, type RateLimiter } from "./rate-limits";
import { MAX_PAGE_SIZE, type RoomAccess, type RoomsService } from "./rooms";

export type { Post } from "../repositories/posts";

export const POSTS_PER_PAGE = 50;

export interface FeedPage {
  /** Oldest first, as the feed shows them. */
  posts: Post[];
  /** Where "Load older posts" goes, or null at the beginning of the room. */
  olderCursor: string | null;
}

export interface PostsService {
  /** Up to `limit` posts (50 by default, 100 at most) before the cursor. */
  page(access: RoomAccess, options?: { before?: string; limit?: number }): Promise<FeedPage>;
  create(userId: string, roomId: string, input: PostInput): Promise<Post>;
  /** The author may delete a post, and so may the room's owner. */
  delete(userId: string, roomId: string, postId: string): Promise<void>;
  /** Live events of a room, for its members only. */
  subscribe(userId: string, roomId: string, listener: (event: RoomEvent) => void): Promise<() => void>;
}

export function createPostsService(deps: {
  posts: PostsRepository;
  rooms: RoomsRepository;
  roomsService: RoomsService;
  events: RoomEvents;
  rateLimiter: RateLimiter;
  transaction: TransactionRunner;
  clock: Clock;
}): PostsService {
  const { posts, rooms, roomsService, events, rateLimiter, transaction, clock } = deps;

  return {
    async page(access, options = {}) {
      const before = decodeCursor(options.before);
      const limit = Math.min(Math.max(options.limit ?? POSTS_PER_PAGE, 1), MAX_PAGE_SIZE);
      const rows = await posts.pageBefore(access.room.id, before && { createdAt: before.at, id: before.id }, limit + 1);
      const page = rows.slice(0, limit);
      const oldest = page[page.length - 1];
      return {
        posts: page.reverse(),
        olderCursor: rows.length > limit && oldest ? encodeCursor(oldest.createdAt, oldest.id) : null,
      };
    },

    async create(userId, roomId, input) {
      const { room } = await roomsService.getForMember(userId, roomId);
      await rateLimiter.consume([RATE_POLICIES.postsPerUser, userId]);
      const now = clock.now();
      const post = await transaction(async (tx) => {
        const created = await posts.create({ roomId: room.id, creatorId: userId, message: input.message, createdAt: now }, tx);
        await events.publish({ type: "post-created", roomId: room.id, postId: created.id }, tx);
        return created;
      });
      // After the commit, in a statement of its own: inside the transaction the room's row stayed
      // locked for the whole post, so a busy room's posts queued behind each other. "Last activity"
      // only orders My rooms; it never goes backwards (see touch).
      await rooms.touch(room.id, now);
      return post;
    },

    async delete(userId, roomId, postId) {
      const access = await roomsService.getForMember(userId, roomId);
      const post = isUuid(postId) ? await posts.findInRoom(access.room.id, postId) : null;
      if (!post) throw new NotFoundError("No such post");
      if (post.creatorId !== userId && !access.isOwner) throw new ForbiddenError("Only its author or the room's owner can delete a post");
      if (post.isDeleted) return;
      await transaction(async (tx) => {
        await posts.softDelete(post.id, clock.now(), tx);
        await events.publish({ type: "post-deleted", roomId: access.room.id, postId: post.id }, tx);
      });
    },

    async subscribe(userId, roomId, listener) {
      const { room } = await roomsService.getForMember(userId, roomId);
      return events.subscribe(room.id, listener);
    },
  };
}
