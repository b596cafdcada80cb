import type { Clock } from "../clock";
import { NotFoundError, ValidationError, type FieldErrors } from "../errors";
import type { EmailOutbox } from "../email/outbox";
import { roomInviteEmail } from "../email/templates/room-invite";
import type { LiveKitGateway } from "../livekit/gateway";
import type { Logger } from "../logger";
import type { ParticipantsRepository } from "../repositories/participants";
import type { InvitesRepository, ReceivedInvite } from "../repositories/invites";
import type { TransactionRunner, Tx } from "../repositories/transaction";
import type { AddParticipantsInput } from "../schemas/participants";
import type { RequestOrigin } from "./auth";
import { isUuid } from "./cursors";
import { INVITE_TTL_DAYS, inviteExpiresAt, isInviteExpired } from "./invite-expiry";
import { RATE_POLICIES, type RateLimitHit, type RateLimiter } from "./rate-limits";
import { takeOutOfMeeting } from "./meeting-ejection";
import { requireActionOn } from "./room-permissions";
import type { RoomAccess, RoomsService } from "./rooms";
import type { PublicUser } from "./sessions";
import { generateLinkToken, hashLinkToken } from "./tokens";

/** "My invites" lists (and counts) this many pending invitations at most, newest first. */
export const RECEIVED_INVITES_LIMIT = 200;

/**
 * One person added: their invite link, in the clear this once (only its hash is stored), so the
 * owner may also share it by hand.
 */
export interface Invitation {
  participantId: string;
  inviteToken: string;
  inviteUrl: string;
}

export interface InviteLinkShare {
  url: string;
  expiresAt: Date;
  /** Whom the link is for. */
  name: string;
  email: string;
}

export interface ParticipantsService {
  /** All rows or none: each bad row is reported on its own fields (`rows[2].email`). */
  add(
    user: PublicUser,
    roomId: string,
    input: AddParticipantsInput,
    origin: RequestOrigin,
  ): Promise<{ added: number; invitations: Invitation[] }>;
  remove(userId: string, roomId: string, participantId: string): Promise<void>;
  resendInvite(user: PublicUser, roomId: string, participantId: string, origin: RequestOrigin): Promise<void>;
  /**
   * A new link to the person's pending invitation, for the owner or a moderator to send by hand:
   * the emailed link (and any guest pass it gave) stops working, the new one lasts INVITE_TTL_DAYS.
   */
  shareInviteLink(userId: string, roomId: string, participantId: string): Promise<InviteLinkShare>;
  listReceived(user: PublicUser): Promise<Array<ReceivedInvite & { expired: boolean }>>;
  countReceived(user: PublicUser): Promise<number>;
  accept(user: PublicUser, inviteId: string): Promise<{ roomId: string }>;
  decline(user: PublicUser, inviteId: string): Promise<void>;
}

export function createParticipantsService(deps: {
  invites: InvitesRepository;
  participants: ParticipantsRepository;
  roomsService: RoomsService;
  outbox: EmailOutbox;
  livekit: LiveKitGateway;
  rateLimiter: RateLimiter;
  transaction: TransactionRunner;
  clock: Clock;
  logger: Logger;
  appUrl: string;
}): ParticipantsService {
  const { invites, participants, roomsService, outbox, livekit, rateLimiter, transaction, clock, logger, appUrl } = deps;

  /**
   * Counts invitation emails before any is written: per inviter (batches), per recipient address
   * (across rooms and inviters) and per IP (one point an email). Over any: RateLimitedError.
   */
  function limitInvitations(inviter: PublicUser, emails: string[], origin: RequestOrigin) {
    return rateLimiter.consume(
      [RATE_POLICIES.invitesPerUser, inviter.id],
      [RATE_POLICIES.inviteEmailsPerIp, origin.ip, emails.length],
      ...emails.map((email): RateLimitHit => [RATE_POLICIES.invitesPerRecipient, email]),
    );
  }

  /** An invitation is matched to an account by address only once that address is proven (SECURITY 35). */
  async function findReceived(user: PublicUser, inviteId: string) {
    return user.emailVerified && isUuid(inviteId) ? invites.findPendingForEmail(inviteId, user.email) : null;
  }

  async function listReceived(user: PublicUser) {
    if (!user.emailVerified) return [];
    const now = clock.now();
    return (await invites.listPendingForEmail(user.email, RECEIVED_INVITES_LIMIT)).map((invite) => ({
      ...invite,
      expired: isInviteExpired(invite, now),
    }));
  }

  const joinUrlFor = (roomId: string, token: string) => `${appUrl}/room/${roomId}/join?token=${encodeURIComponent(token)}`;

  async function sendInvite(
    access: RoomAccess,
    inviter: PublicUser,
    person: { participantId: string; email: string; name: string },
    tx: Tx,
  ): Promise<Invitation> {
    const token = generateLinkToken();
    const createdAt = clock.now();
    const expiresAt = inviteExpiresAt(createdAt);
    const inviteId = await invites.create(
      {
        roomId: access.room.id,
        inviterId: inviter.id,
        participantId: person.participantId,
        email: person.email,
        name: person.name,
        tokenHash: hashLinkToken(token),
        createdAt,
        expiresAt,
      },
      tx,
    );
    const inviteUrl = `${appUrl}/room/${access.room.id}/join?token=${encodeURIComponent(token)}`;
    const message = roomInviteEmail({
      appUrl,
      inviteeName: person.name,
      inviterName: inviter.name,
      roomName: access.room.name,
      joinUrl: inviteUrl,
      expiresInDays: INVITE_TTL_DAYS,
    });
    const outboxId = await outbox.enqueue({ kind: "room-invite", to: { email: person.email, name: person.name }, ...message }, tx);
    await invites.setOutbox(inviteId, outboxId, tx);
    return { participantId: person.participantId, inviteToken: token, inviteUrl };
  }

  return {
    async add(user, roomId, input, origin) {
      const access = await roomsService.getForMember(user.id, roomId, "addMembers");
      const existing = new Set(
        await participants.existingEmails(
          access.room.id,
          input.rows.map((r) => r.email),
        ),
      );
      const fields: FieldErrors = {};
      input.rows.forEach((row, index) => {
        if (existing.has(row.email)) fields[`rows[${index}].email`] = ["This person is already in the room"];
      });
      if (Object.keys(fields).length) throw new ValidationError("Some people are already in the room", fields);
      await limitInvitations(
        user,
        input.rows.map((row) => row.email),
        origin,
      );

      const invitations = await transaction(async (tx) => {
        const sent: Invitation[] = [];
        for (const row of input.rows) {
          const participantId = await participants.add(
            { roomId: access.room.id, email: row.email, name: row.name, role: "participant" },
            tx,
          );
          sent.push(await sendInvite(access, user, { participantId, email: row.email, name: row.name }, tx));
        }
        return sent;
      });
      logger.info({ event: "participants-added", roomId: access.room.id, count: input.rows.length }, "participants invited");
      return { added: invitations.length, invitations };
    },

    async remove(userId, roomId, participantId) {
      const access = await roomsService.getForMember(userId, roomId, "removeMember");
      const participant = isUuid(participantId) ? await participants.find(access.room.id, participantId) : null;
      if (!participant) throw new NotFoundError("No such participant");
      requireActionOn(access.role, "removeMember", participant.role);
      await participants.remove(participant.id);
      await takeOutOfMeeting({ livekit, logger }, access.room, participant);
    },

    async resendInvite(user, roomId, participantId, origin) {
      const access = await roomsService.getForMember(user.id, roomId, "resendInvite");
      const participant = isUuid(participantId) ? await participants.find(access.room.id, participantId) : null;
      if (!participant) throw new NotFoundError("No such participant");
      if (participant.userId) throw new ValidationError("This person has already joined");
      await limitInvitations(user, [participant.email], origin);
      await transaction(async (tx) => {
        await invites.revokePending(participant.id, tx);
        await sendInvite(access, user, { participantId: participant.id, email: participant.email, name: participant.name }, tx);
      });
    },

    async shareInviteLink(userId, roomId, participantId) {
      const access = await roomsService.getForMember(userId, roomId, "shareInviteLink");
      const participant = isUuid(participantId) ? await participants.find(access.room.id, participantId) : null;
      if (!participant) throw new NotFoundError("No such participant");
      if (participant.userId) throw new ValidationError("This person has already joined");
      const token = generateLinkToken();
      const expiresAt = inviteExpiresAt(clock.now());
      if (!(await invites.reissuePending(participant.id, { tokenHash: hashLinkToken(token), expiresAt }))) {
        throw new NotFoundError("This person has no pending invitation");
      }
      logger.info({ event: "invite-link-shared", roomId: access.room.id }, "invitation link reissued");
      return { url: joinUrlFor(access.room.id, token), expiresAt, name: participant.name, email: participant.email };
    },

    listReceived,

    countReceived: async (user) => (await listReceived(user)).filter((invite) => !invite.expired).length,

    async accept(user, inviteId) {
      const invite = await findReceived(user, inviteId);
      if (!invite) throw new NotFoundError("No such invitation");
      if (isInviteExpired(invite, clock.now()))
        throw new ValidationError("This invitation has expired. Ask the room's owner for a new one.");
      await transaction(async (tx) => {
        await invites.markAccepted(invite.id, clock.now(), tx);
        if (invite.participantId) await participants.linkToUser(invite.participantId, user.id, tx);
      });
      return { roomId: invite.roomId };
    },

    async decline(user, inviteId) {
      const invite = await findReceived(user, inviteId);
      if (!invite) throw new NotFoundError("No such invitation");
      // Declining removes the person from the room, invitation and all.
      await transaction(async (tx) => {
        if (invite.participantId) await participants.removeUnlinked(invite.participantId, tx);
        await invites.delete(invite.id, tx);
      });
    },
  };
}
