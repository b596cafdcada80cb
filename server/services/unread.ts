import { NotFoundError } from "../errors";
import type { ParticipantsRepository, ReadPoint } from "../repositories/participants";
import type { Post } from "../repositories/posts";
import { isUuid } from "./cursors";
import type { RoomsService } from "./rooms";

export type { ReadPoint } from "../repositories/participants";

/** Unread counts stop here (pages show "99+"), so counting a long-unread room stays one short index scan. */
export const UNREAD_COUNT_CAP = 100;

type Readable = Pick<Post, "id" | "kind" | "creatorId" | "isDeleted" | "createdAt">;

/** After the read point in the feed's keyset order (created_at, id); everything is, when nothing was read. */
const isAfter = (post: Readable, point: ReadPoint | null) =>
  !point || post.createdAt > point.at || (post.createdAt.getTime() === point.at.getTime() && post.id > point.postId);

/** New to the viewer: someone else's post (not one of Parley's entries), not deleted, after their read point. */
export function isUnreadFor(post: Readable, viewerId: string, point: ReadPoint | null): boolean {
  return post.kind === "post" && !post.isDeleted && post.creatorId !== viewerId && isAfter(post, point);
}

/** Where the "New" divider goes on a feed page (oldest first): the first post the viewer had not read. */
export function firstUnreadIn(posts: Readable[], viewerId: string, point: ReadPoint | null): string | null {
  return posts.find((post) => isUnreadFor(post, viewerId, point))?.id ?? null;
}

export interface ReadPointsService {
  /** Moves the member's read point forward to a post of the room (its newest when none is named); never back. */
  markRead(userId: string, roomId: string | undefined, postId?: string): Promise<{ roomId: string; readPoint: ReadPoint | null }>;
}

export function createReadPointsService(deps: { roomsService: RoomsService; participants: ParticipantsRepository }): ReadPointsService {
  const { roomsService, participants } = deps;
  return {
    async markRead(userId, roomId, postId) {
      const { room } = await roomsService.getForMember(userId, roomId);
      if (postId !== undefined && !isUuid(postId)) throw new NotFoundError("No such post");
      const marked = await participants.markRead(room.id, userId, postId ?? null);
      if (!marked) throw new NotFoundError("No such post");
      return { roomId: room.id, readPoint: marked.readPoint };
    },
  };
}
