import type { Clock } from "../clock";
import { ForbiddenError, NotFoundError } from "../errors";
import type { LiveKitGateway } from "../livekit/gateway";
import type { Logger } from "../logger";
import type { Participant, ParticipantRole, Room, RoomListItem, RoomsRepository } from "../repositories/rooms";
import type { TransactionRunner } from "../repositories/transaction";
import type { RoomInput } from "../schemas/rooms";
import { decodeCursor, encodeCursor, isUuid } from "./cursors";
import { isInviteExpired } from "./invite-expiry";
import { RATE_POLICIES, type RateLimiter } from "./rate-limits";
import type { PublicUser } from "./sessions";

export const ROOMS_PER_PAGE = 20;
/** The most rooms or posts one page may hold, whatever a client asks for. */
export const MAX_PAGE_SIZE = 100;
/** The members list shows this many people at most (the owner first). */
export const MEMBERS_LIST_LIMIT = 500;

export interface RoomAccess {
  room: Room;
  role: ParticipantRole;
  isOwner: boolean;
  /** Names of those in the room's meeting now. */
  inMeeting: string[];
}

export interface RoomsService {
  create(user: PublicUser, input: RoomInput): Promise<Room>;
  /** A page of the user's rooms (20 unless `limit` says fewer or more, up to 100). */
  listMine(userId: string, options?: { q?: string; cursor?: string; limit?: number }): Promise<{ rooms: RoomListItem[]; nextCursor: string | null }>;
  /** The room as its member sees it. Not a member, or no such room: the same NotFoundError. */
  getForMember(userId: string, roomId: string | undefined): Promise<RoomAccess>;
  listMembers(access: RoomAccess): Promise<Participant[]>;
  update(userId: string, roomId: string, input: RoomInput): Promise<void>;
  delete(userId: string, roomId: string): Promise<void>;
}

export const livekitRoomNameFor = (roomId: string) => `parley-${roomId}`;

export function createRoomsService(deps: {
  rooms: RoomsRepository;
  livekit: LiveKitGateway;
  rateLimiter: RateLimiter;
  transaction: TransactionRunner;
  clock: Clock;
  logger: Logger;
}): RoomsService {
  const { rooms, livekit, rateLimiter, transaction, clock, logger } = deps;

  async function getForMember(userId: string, roomId: string | undefined): Promise<RoomAccess> {
    const found = isUuid(roomId) ? await rooms.findForMember(roomId, userId) : null;
    if (!found) throw new NotFoundError("No such room");
    return { ...found, isOwner: found.room.ownerId === userId };
  }

  async function requireOwner(userId: string, roomId: string) {
    const access = await getForMember(userId, roomId);
    if (!access.isOwner) throw new ForbiddenError("Only the room's owner can do this");
    return access;
  }

  return {
    async create(user, input) {
      await rateLimiter.consume([RATE_POLICIES.roomsPerUser, user.id]);
      const room = await transaction((tx) =>
        rooms.createWithOwner(
          { name: input.name, description: input.description, ownerId: user.id, livekitRoomName: livekitRoomNameFor },
          { email: user.email, name: user.name },
          tx,
        ),
      );
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
      const limit = Math.min(Math.max(options.limit ?? ROOMS_PER_PAGE, 1), MAX_PAGE_SIZE);
      const rows = await rooms.listForUser(userId, {
        q: options.q,
        after: after && { lastActivityAt: after.at, id: after.id },
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { rooms: page, nextCursor: rows.length > limit && last ? encodeCursor(last.lastActivityAt, last.id) : null };
    },

    getForMember,

    async listMembers(access) {
      const now = clock.now();
      return (await rooms.listParticipants(access.room.id, MEMBERS_LIST_LIMIT)).map((member) => ({
        ...member,
        inviteStatus:
          member.inviteStatus === "pending" && member.inviteExpiresAt && isInviteExpired({ expiresAt: member.inviteExpiresAt }, now) ? "expired" : member.inviteStatus,
      }));
    },

    async update(userId, roomId, input) {
      await requireOwner(userId, roomId);
      await rooms.update(roomId, { name: input.name, description: input.description }, clock.now());
    },

    async delete(userId, roomId) {
      const { room } = await requireOwner(userId, roomId);
      await rooms.delete(room.id);
      try {
        await livekit.deleteRoom(room.livekitRoomName ?? livekitRoomNameFor(room.id));
      } catch (error) {
        logger.warn({ roomId: room.id, reason: (error as Error).message }, "LiveKit room not deleted (LiveKit unavailable)");
      }
    },
  };
}
