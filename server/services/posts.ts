import type { Clock } from "../clock";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import type { Post, PostsRepository } from "../repositories/posts";
import type { RoomsRepository } from "../repositories/rooms";
import type { TransactionRunner } from "../repositories/transaction";
import type { RoomEvent, RoomEvents } from "../realtime/room-events";
import { REACTION_EMOJI, type ReactionEmoji } from "../schemas/reactions";
import type { PostInput } from "../schemas/rooms";
import { decodeCursor, encodeCursor, isUuid, pageSize } from "./cursors";
import type { MentionsService } from "./mentions";
import { RATE_POLICIES, type RateLimiter } from "./rate-limits";
import { requirePostDeletion, requirePostEdit } from "./room-permissions";
import type { RoomsService } from "./rooms";

export type { Post } from "../repositories/posts";

export const POSTS_PER_PAGE = 50;

export interface FeedPage {
  /** Oldest first, as the feed shows them. */
  posts: Post[];
  /** Where "Load older posts" goes, or null at the beginning of the room. */
  olderCursor: string | null;
}

export interface FeedOptions {
  before?: string;
  /** A post's id: the page that ends with it (a search result's place in the feed); ignored with `before`. */
  at?: string;
  limit?: number;
  /** Whose reactions count as "mine". */
  viewerId?: string;
}

const emojiRank = (emoji: string) => REACTION_EMOJI.indexOf(emoji as ReactionEmoji);

/** Up to `limit` posts (50 by default, 100 at most) of a room before the cursor: for a caller who checked access. */
export async function readFeedPage(posts: PostsRepository, roomId: string, options: FeedOptions = {}): Promise<FeedPage> {
  const before = decodeCursor(options.before);
  const limit = pageSize(options.limit, POSTS_PER_PAGE);
  // A post that is not (or no longer) in the room: the newest page instead.
  const through = !before && isUuid(options.at) ? await posts.pageThrough(roomId, options.at, limit + 1, options.viewerId) : [];
  const rows = through.length
    ? through
    : await posts.pageBefore(roomId, before && { createdAt: before.at, id: before.id }, limit + 1, options.viewerId);
  const page = rows.slice(0, limit).map((post) => ({
    ...post,
    reactions: (post.reactions ?? []).sort((a, b) => emojiRank(a.emoji) - emojiRank(b.emoji)),
  }));
  const oldest = page[page.length - 1];
  return {
    posts: page.reverse(),
    olderCursor: rows.length > limit && oldest ? encodeCursor(oldest.createdAt, oldest.id) : null,
  };
}

const deletedPost = () =>
  new ConflictError("A deleted post cannot be edited", { message: ["This post was deleted, so it cannot be edited"] });

/** Parley's own entries (a meeting started or ended) are nobody's to change: no role may edit or delete them. */
export function isMemberPost(post: Pick<Post, "kind">): boolean {
  return post.kind === "post";
}

export function requireMemberPost(post: Pick<Post, "kind">): void {
  if (!isMemberPost(post)) throw new ForbiddenError("Meeting entries are written by Parley and cannot be changed.");
}

export interface PostsService {
  /** The member's page of the room's feed (see readFeedPage). */
  page(userId: string, roomId: string | undefined, options?: FeedOptions): Promise<FeedPage>;
  create(userId: string, roomId: string, input: PostInput): Promise<Post>;
  /** The caller's own post, to edit: forbidden for another's, conflict once deleted. */
  getOwn(userId: string, roomId: string, postId: string): Promise<Post>;
  /** New words for the caller's own post (not a deleted one); the same rules as a new post. */
  edit(userId: string, roomId: string, postId: string, input: PostInput): Promise<Post>;
  /** Adds the caller's reaction to a post, or takes it back: one of each emoji per person. */
  react(userId: string, roomId: string, postId: string, emoji: ReactionEmoji): Promise<{ emoji: ReactionEmoji; reacted: boolean }>;
  /** Who may delete which post: see room-permissions. */
  delete(userId: string, roomId: string, postId: string): Promise<void>;
  /** Live events of a room, for its members only. */
  subscribe(userId: string, roomId: string, listener: (event: RoomEvent) => void): Promise<() => void>;
}

export function createPostsService(deps: {
  posts: PostsRepository;
  rooms: RoomsRepository;
  roomsService: RoomsService;
  events: RoomEvents;
  mentions: Pick<MentionsService, "record" | "clear">;
  rateLimiter: RateLimiter;
  transaction: TransactionRunner;
  clock: Clock;
}): PostsService {
  const { posts, rooms, roomsService, events, mentions, rateLimiter, transaction, clock } = deps;

  async function findPost(userId: string, roomId: string, postId: string) {
    const access = await roomsService.getForMember(userId, roomId);
    const post = isUuid(postId) ? await posts.findInRoom(access.room.id, postId) : null;
    if (!post) throw new NotFoundError("No such post");
    requireMemberPost(post);
    return { access, post };
  }

  return {
    async page(userId, roomId, options) {
      const { room } = await roomsService.getForMember(userId, roomId);
      return readFeedPage(posts, room.id, { ...options, viewerId: userId });
    },

    async create(userId, roomId, input) {
      const { room } = await roomsService.getForMember(userId, roomId);
      await rateLimiter.consume([RATE_POLICIES.postsPerUser, userId]);
      const now = clock.now();
      const post = await transaction(async (tx) => {
        const created = await posts.create({ roomId: room.id, creatorId: userId, message: input.message, createdAt: now }, tx);
        const named = await mentions.record(
          {
            id: created.id,
            roomId: room.id,
            roomName: room.name,
            authorId: userId,
            authorName: created.authorName,
            message: input.message,
          },
          tx,
        );
        await events.publish({ type: "post-created", roomId: room.id, postId: created.id, mentions: named.map((m) => m.userId) }, tx);
        return { ...created, mentions: named };
      });
      // After the commit, in a statement of its own: inside the transaction the room's row stayed
      // locked for the whole post, so a busy room's posts queued behind each other. "Last activity"
      // only orders My rooms; it never goes backwards (see touch).
      await rooms.touch(room.id, now);
      return post;
    },

    async getOwn(userId, roomId, postId) {
      const { access, post } = await findPost(userId, roomId, postId);
      requirePostEdit(access.role, { isAuthor: post.creatorId === userId });
      if (post.isDeleted) throw deletedPost();
      return post;
    },

    async edit(userId, roomId, postId, input) {
      const { access, post } = await findPost(userId, roomId, postId);
      requirePostEdit(access.role, { isAuthor: post.creatorId === userId });
      const at = clock.now();
      const named = await transaction(async (tx) => {
        if (post.isDeleted || !(await posts.updateMessage(post.id, input.message, at, tx))) {
          throw deletedPost();
        }
        const named = await mentions.record(
          {
            id: post.id,
            roomId: access.room.id,
            roomName: access.room.name,
            authorId: userId,
            authorName: post.authorName,
            message: input.message,
          },
          tx,
        );
        await events.publish({ type: "post-edited", roomId: access.room.id, postId: post.id, mentions: named.map((m) => m.userId) }, tx);
        return named;
      });
      return { ...post, message: input.message, editedAt: at, mentions: named };
    },

    async react(userId, roomId, postId, emoji) {
      const { access, post } = await findPost(userId, roomId, postId);
      if (post.isDeleted) throw new ConflictError("A deleted post takes no reactions");
      const reacted = await transaction(async (tx) => {
        const added = await posts.toggleReaction({ postId: post.id, userId, emoji, at: clock.now() }, tx);
        await events.publish({ type: "post-reactions", roomId: access.room.id, postId: post.id }, tx);
        return added;
      });
      return { emoji, reacted };
    },

    async delete(userId, roomId, postId) {
      const { access, post } = await findPost(userId, roomId, postId);
      requirePostDeletion(access.role, { isAuthor: post.creatorId === userId });
      if (post.isDeleted) return;
      await transaction(async (tx) => {
        await posts.softDelete(post.id, clock.now(), tx);
        await mentions.clear(post, tx);
        await events.publish({ type: "post-deleted", roomId: access.room.id, postId: post.id }, tx);
      });
    },

    async subscribe(userId, roomId, listener) {
      const { room } = await roomsService.getForMember(userId, roomId);
      return events.subscribe(room.id, listener);
    },
  };
}
