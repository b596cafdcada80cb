import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { LiveKitGateway } from "../livekit/gateway";
import type { Logger } from "../logger";
import type { ParticipantsRepository } from "../repositories/participants";
import type { Participant, RoomsRepository } from "../repositories/rooms";
import type { TransactionRunner } from "../repositories/transaction";
import type { AssignableRole } from "../schemas/memberships";
import { isUuid } from "./cursors";
import { takeOutOfMeeting } from "./meeting-ejection";
import { requirePermission } from "./room-permissions";
import type { RoomAccess, RoomsService } from "./rooms";

/**
 * What the previous owner becomes after handing the room over: a moderator, so they keep looking
 * after the people and the feed they looked after until now, without the powers only one person
 * should hold (renaming, deleting, roles). The new owner can make them a member with one click.
 */
export const FORMER_OWNER_ROLE = "moderator" as const;

/** One's own place in a room: roles (given by the owner), leaving, and handing the room over. */
export interface MembershipsService {
  /** The owner makes a member who has joined a moderator, or a moderator a member again. */
  setRole(userId: string, roomId: string | undefined, participantId: string, role: AssignableRole): Promise<Participant>;
  /** Anyone but the owner leaves the room (and its running meeting). */
  leave(userId: string, roomId: string | undefined): Promise<{ roomName: string }>;
  /** The owner gives the room to a member who has joined; the owner becomes FORMER_OWNER_ROLE. */
  handOver(userId: string, roomId: string | undefined, participantId: string): Promise<{ newOwner: Participant }>;
}

export function createMembershipsService(deps: {
  rooms: RoomsRepository;
  participants: ParticipantsRepository;
  roomsService: RoomsService;
  livekit: LiveKitGateway;
  transaction: TransactionRunner;
  logger: Logger;
}): MembershipsService {
  const { rooms, participants, roomsService, livekit, transaction, logger } = deps;

  /** Another member of the room who has an account (roles and ownership go to people, not to pending invitations). */
  async function joinedMember(access: RoomAccess, participantId: string, userId: string): Promise<Participant> {
    const person = isUuid(participantId) ? await participants.find(access.room.id, participantId) : null;
    if (!person) throw new NotFoundError("No such participant");
    if (!person.userId)
      throw new ValidationError("They have not joined the room yet", { participantId: ["Choose someone who has joined"] });
    if (person.userId === userId) throw new ValidationError("Choose someone else", { participantId: ["Choose someone else"] });
    return person;
  }

  return {
    async setRole(userId, roomId, participantId, role) {
      const access = await roomsService.getForMember(userId, roomId, "setRole");
      const person = await joinedMember(access, participantId, userId);
      if (person.role === "owner") throw new ValidationError("The owner's role changes only by handing the room over");
      await participants.setRole(person.id, role);
      logger.info({ event: "role-changed", roomId: access.room.id, role }, "member role changed");
      return { ...person, role };
    },

    async leave(userId, roomId) {
      const access = await roomsService.getForMember(userId, roomId);
      requirePermission(access.role, "leave");
      const me = await participants.findByUser(access.room.id, userId);
      if (!me) throw new NotFoundError("No such room");
      await participants.remove(me.id);
      await takeOutOfMeeting({ livekit, logger }, access.room, me);
      logger.info({ event: "left-room", roomId: access.room.id }, "member left the room");
      return { roomName: access.room.name };
    },

    async handOver(userId, roomId, participantId) {
      const access = await roomsService.getForMember(userId, roomId, "handOver");
      const person = await joinedMember(access, participantId, userId);
      await transaction(async (tx) => {
        // Only from the owner who is handing it over: two hand-overs at once cannot both win.
        if (!(await rooms.setOwner(access.room.id, { from: userId, to: person.userId! }, tx))) {
          throw new ConflictError("The room has already changed hands");
        }
        const me = await participants.findByUser(access.room.id, userId);
        await participants.setRole(person.id, "owner", tx);
        if (me) await participants.setRole(me.id, FORMER_OWNER_ROLE, tx);
      });
      logger.info({ event: "room-handed-over", roomId: access.room.id }, "room handed over");
      return { newOwner: { ...person, role: "owner" } };
    },
  };
}
