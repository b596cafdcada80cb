import type { Clock } from "../clock";
import { NotFoundError } from "../errors";
import type { LiveKitGateway } from "../livekit/gateway";
import type { Logger } from "../logger";
import type { PostsRepository } from "../repositories/posts";
import type { Participant, ParticipantRole, Room, RoomListItem, RoomsRepository } from "../repositories/rooms";
import type { ParticipantsRepository } from "../repositories/participants";
import type { TransactionRunner } from "../repositories/transaction";
import type { RoomInput } from "../schemas/rooms";
import { decodeCursor, encodeCursor, isUuid, pageSize } from "./cursors";
import { isInviteExpired } from "./invite-expiry";
import { isMemberPost, readFeedPage, type FeedOptions, type FeedPage } from "./posts";
import {
  mayActOn,
  mayDeletePost,
  mayEditPost,
  permissionsFor,
  requirePermission,
  type RoomAction,
  type RoomPermissions,
} from "./room-permissions";
import { RATE_POLICIES, type RateLimiter } from "./rate-limits";
import type { PublicUser } from "./sessions";
import { firstUnreadIn, UNREAD_COUNT_CAP, type ReadPoint } from "./unread";

export const ROOMS_PER_PAGE = 20;
/** The members list shows this many people at most (the owner first). */
export const MEMBERS_LIST_LIMIT = 500;

export interface RoomAccess {
  room: Room;
  role: ParticipantRole;
  /** What this member may do in the room (pages show only these). */
  permissions: RoomPermissions;
  /** Names of those in the room's meeting now. */
  inMeeting: string[];
  /** How many people the room has (owner included). */
  memberCount: number;
  /** Where the member had stopped reading when this was read (null: nothing read). */
  readPoint: ReadPoint | null;
}

/** A person in the members list, with what the viewer may do to them. */
export interface Member extends Participant {
  roomId: string;
  mayRemove: boolean;
  mayResendInvite: boolean;
  mayShareInviteLink: boolean;
  /** Whether the viewer may make them a moderator or a member again. */
  maySetRole: boolean;
  mayRemoveFromMeeting: boolean;
  /** Whether the viewer (the owner) may hand the room over to them. */
  mayReceiveRoom: boolean;
}

/** The room page: the room, its feed (each post saying whether the viewer may edit or delete it) and, when asked, its members. */
export interface RoomView {
  access: RoomAccess;
  feed: Omit<FeedPage, "posts"> & { posts: Array<FeedPage["posts"][number] & { mayDelete: boolean; mayEdit: boolean }> };
  members: Member[] | null;
  /** The first post on this page the viewer had not read before opening it: where "New" begins. */
  firstUnreadId: string | null;
}

export interface RoomsService {
  create(user: PublicUser, input: RoomInput): Promise<Room>;
  /** A page of the user's rooms (20 unless `limit` says fewer or more, up to 100). */
  listMine(
    userId: string,
    options?: { q?: string; cursor?: string; limit?: number },
  ): Promise<{ rooms: RoomListItem[]; nextCursor: string | null }>;
  /**
   * The room as its member sees it. Not a member, or no such room: the same NotFoundError; a member
   * who may not do `action` (when given): ForbiddenError.
   */
  getForMember(userId: string, roomId: string | undefined, action?: RoomAction): Promise<RoomAccess>;
  /** Everyone in the room (up to MEMBERS_LIST_LIMIT), for a member. */
  listMembers(userId: string, roomId: string | undefined): Promise<Member[]>;
  /** Everyone in the room, for an access getForMember granted (no second check). */
  membersOf(access: RoomAccess): Promise<Member[]>;
  /** What the room page shows, checking access once. Opening the newest page marks the room read (in the same query). */
  view(userId: string, roomId: string | undefined, options?: FeedOptions & { withMembers?: boolean }): Promise<RoomView>;
  update(userId: string, roomId: string, input: RoomInput): Promise<void>;
  delete(userId: string, roomId: string): Promise<void>;
}

export const livekitRoomNameFor = (roomId: string) => `parley-${roomId}`;

export function createRoomsService(deps: {
  rooms: RoomsRepository;
  participants: ParticipantsRepository;
  posts: PostsRepository;
  livekit: LiveKitGateway;
  rateLimiter: RateLimiter;
  transaction: TransactionRunner;
  clock: Clock;
  logger: Logger;
}): RoomsService {
  const { rooms, participants, posts, livekit, rateLimiter, transaction, clock, logger } = deps;

  async function getForMember(
    userId: string,
    roomId: string | undefined,
    action?: RoomAction,
    options?: { markRead: boolean },
  ): Promise<RoomAccess> {
    const found = isUuid(roomId) ? await rooms.findForMember(roomId, userId, options) : null;
    if (!found) throw new NotFoundError("No such room");
    if (action) requirePermission(found.role, action);
    return { ...found, permissions: permissionsFor(found.role) };
  }

  async function membersFor(access: RoomAccess): Promise<Member[]> {
    const now = clock.now();
    return (await rooms.listParticipants(access.room.id, MEMBERS_LIST_LIMIT)).map((member) => {
      const expired =
        member.inviteStatus === "pending" && member.inviteExpiresAt && isInviteExpired({ expiresAt: member.inviteExpiresAt }, now);
      return {
        ...member,
        roomId: access.room.id,
        inviteStatus: expired ? "expired" : member.inviteStatus,
        mayRemove: mayActOn(access.role, "removeMember", member.role),
        mayResendInvite: access.permissions.resendInvite && !member.userId,
        mayShareInviteLink: access.permissions.shareInviteLink && !member.userId,
        maySetRole: access.permissions.setRole && Boolean(member.userId) && member.role !== "owner",
        mayRemoveFromMeeting: member.inMeeting && mayActOn(access.role, "removeFromMeeting", member.role),
        mayReceiveRoom: access.permissions.handOver && Boolean(member.userId) && member.role !== "owner",
      };
    });
  }

  return {
    async create(user, input) {
      await rateLimiter.consume([RATE_POLICIES.roomsPerUser, user.id]);
      const room = await transaction(async (tx) => {
        const created = await rooms.create(
          { name: input.name, description: input.description, ownerId: user.id, livekitRoomName: livekitRoomNameFor },
          tx,
        );
        await participants.add({ roomId: created.id, userId: user.id, email: user.email, name: user.name, role: "owner" }, tx);
        return created;
      });
      // The room exists without LiveKit; its meeting room is made at first join if this fails.
      try {
        const { sid } = await livekit.ensureRoom(room.livekitRoomName!);
        await rooms.setLiveKitRoom(room.id, sid);
        return { ...room, roomSid: sid };
      } catch (error) {
        logger.warn({ roomId: room.id, reason: (error as Error).message }, "LiveKit room not created; will be made at first join");
        return room;
      }
    },

    async listMine(userId, options = {}) {
      const after = decodeCursor(options.cursor);
      const limit = pageSize(options.limit, ROOMS_PER_PAGE);
      const rows = await rooms.listForUser(userId, {
        q: options.q,
        after: after && { lastActivityAt: after.at, id: after.id },
        limit: limit + 1,
        unreadCap: UNREAD_COUNT_CAP,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { rooms: page, nextCursor: rows.length > limit && last ? encodeCursor(last.lastActivityAt, last.id) : null };
    },

    getForMember: (userId, roomId, action) => getForMember(userId, roomId, action),

    listMembers: async (userId, roomId) => membersFor(await getForMember(userId, roomId)),

    membersOf: membersFor,

    async view(userId, roomId, { withMembers, ...feedOptions } = {}) {
      const access = await getForMember(userId, roomId, undefined, { markRead: !feedOptions.before && !feedOptions.at });
      const [feed, members] = await Promise.all([
        readFeedPage(posts, access.room.id, { ...feedOptions, viewerId: userId }),
        withMembers ? membersFor(access) : null,
      ]);
      return {
        access,
        feed: {
          ...feed,
          posts: feed.posts.map((post) => {
            const isAuthor = post.creatorId === userId;
            const isMember = isMemberPost(post);
            return {
              ...post,
              mayDelete: isMember && mayDeletePost(access.role, { isAuthor }),
              mayEdit: isMember && !post.isDeleted && mayEditPost(access.role, { isAuthor }),
            };
          }),
        },
        members,
        firstUnreadId: firstUnreadIn(feed.posts, userId, access.readPoint),
      };
    },

    async update(userId, roomId, input) {
      const { room } = await getForMember(userId, roomId, "rename");
      await rooms.update(room.id, { name: input.name, description: input.description }, clock.now());
    },

    async delete(userId, roomId) {
      const { room } = await getForMember(userId, roomId, "delete");
      await rooms.delete(room.id);
      try {
        await livekit.deleteRoom(room.livekitRoomName ?? livekitRoomNameFor(room.id));
      } catch (error) {
        logger.warn({ roomId: room.id, reason: (error as Error).message }, "LiveKit room not deleted (LiveKit unavailable)");
      }
    },
  };
}
