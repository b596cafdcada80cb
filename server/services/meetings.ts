import type { Clock } from "../clock";
import { AuthenticationError, InvalidTokenError, NotFoundError, UnavailableError, ValidationError } from "../errors";
import { LiveKitUnavailableError, type LiveKitGateway } from "../livekit/gateway";
import type { Logger } from "../logger";
import type { RoomEvents } from "../realtime/room-events";
import type { MeetingLogRepository } from "../repositories/meeting-log";
import type { InviteLink, MeetingAttendee, MeetingsRepository } from "../repositories/meetings";
import type { ParticipantsRepository } from "../repositories/participants";
import type { InvitesRepository } from "../repositories/invites";
import type { TransactionRunner } from "../repositories/transaction";
import type { UsersRepository } from "../repositories/users";
import { inviteTokenField, type JoinMeetingInput } from "../schemas/meetings";
import { isUuid } from "./cursors";
import { isInviteExpired } from "./invite-expiry";
import { applyToMeetingLog, type MeetingLogEvent } from "./meeting-log";
import type { GuestPass, GuestPasses } from "./guest-passes";
import { RATE_POLICIES, type RateLimiter } from "./rate-limits";
import { meetingIdentitiesOf } from "./meeting-ejection";
import { requireActionOn } from "./room-permissions";
import { livekitRoomNameFor, type RoomsService } from "./rooms";
import type { PublicUser } from "./sessions";
import { hashLinkToken } from "./tokens";

/** A LiveKit token only has to last until the browser connects; reconnects do not need it. */
export const JOIN_TOKEN_TTL_SECONDS = 10 * 60;

/** How a guest's name ends in the meeting. The server adds it; the browser cannot leave it out. */
export const GUEST_MARK = "(guest)";
const GUEST_MARKS_AT_END = /(\s*\(\s*guest\s*\))+\s*$/i;

/**
 * The name others see, as minted into the LiveKit token: a guest's always ends with the guest mark
 * (so a guest can never appear under a member's name), a member's never does (so the mark means
 * what the participant metadata says). A guest who typed only a mark gets the invitation's name.
 */
export function meetingDisplayName(kind: "member" | "guest", typed: string, invitedName: string): string {
  const name = typed.replace(GUEST_MARKS_AT_END, "").trim();
  if (kind === "member") return name || invitedName;
  return `${name || invitedName.replace(GUEST_MARKS_AT_END, "").trim()} ${GUEST_MARK}`;
}

/** Who is asking: a signed-in member, a guest holding a pass, or both (a member's guest pass is ignored). */
export interface MeetingVisitor {
  user?: PublicUser | null;
  guestPass?: GuestPass | null;
}

/** A seat at the meeting: what the prep and meeting pages show about the person joining. */
export interface MeetingSeat {
  roomId: string;
  roomName: string;
  participantId: string;
  kind: "member" | "guest";
  displayName: string;
  email: string;
  role: MeetingAttendee["role"];
}

/** What the browser needs to connect; the API secret stays here. */
export interface JoinDetails {
  serverUrl: string;
  token: string;
  identity: string;
  expiresAt: Date;
}

/** What an invite link's page shows. */
export type InviteLanding =
  | { state: "invalid" }
  | { state: "expired"; roomName: string; inviterName: string }
  | { state: "used"; roomName: string }
  | { state: "member"; roomId: string; roomName: string }
  | {
      state: "open";
      roomId: string;
      roomName: string;
      inviterName: string;
      inviteeName: string;
      inviteeEmail: string;
      /** Whose browser opened it: nobody signed in, the invited person, or someone else. */
      viewer: "anonymous" | "invitee" | "someone-else";
    };

export type WebhookOutcome = "applied" | "duplicate" | "ignored";

export interface MeetingsService {
  /** Whether a LiveKit server is configured at all (meetings are off without one). */
  readonly available: boolean;
  /** The visitor's seat in the room's meeting. Not a member or guest of it: NotFoundError, as for a missing room. */
  seatFor(visitor: MeetingVisitor, roomId: string | undefined): Promise<MeetingSeat>;
  /** Mints the LiveKit token for one room, at join time (rate-limited); creates the LiveKit room if it is missing. */
  join(visitor: MeetingVisitor, roomId: string | undefined, input: JoinMeetingInput): Promise<JoinDetails>;
  readGuestPass(token: string | undefined, roomId: string | undefined): Promise<GuestPass | null>;
  openInviteLink(roomId: string | undefined, token: string | undefined, viewer?: PublicUser | null): Promise<InviteLanding>;
  /** The invited person, signed in: links their account to the participant row and accepts the invitation. */
  acceptInviteLink(user: PublicUser, roomId: string | undefined, token: string | undefined): Promise<{ roomId: string }>;
  /**
   * Anyone holding the link may join as the invited person, as a guest of that one room. The pass is
   * bound to the invitation: a resend or the person's removal ends it, and using the link again
   * issues a new pass that replaces this one (one guest browser per invitation at a time).
   */
  startGuestVisit(
    roomId: string | undefined,
    token: string | undefined,
  ): Promise<{ pass: string; expiresAt: Date; roomId: string; guestPass: GuestPass }>;
  /**
   * The owner or a moderator takes someone out of the running meeting (they stay in the room, and
   * may join again). LiveKit not answering: UnavailableError.
   */
  removeFromMeeting(userId: string, roomId: string | undefined, participantId: string): Promise<void>;
  /** A LiveKit webhook: verified over the raw body, applied once per event id. */
  receiveWebhook(rawBody: string, authorization: string | undefined): Promise<WebhookOutcome>;
}

export function createMeetingsService(deps: {
  meetings: MeetingsRepository;
  meetingLog: MeetingLogRepository;
  invites: InvitesRepository;
  participants: ParticipantsRepository;
  users: UsersRepository;
  roomsService: RoomsService;
  livekit: LiveKitGateway;
  guestPasses: GuestPasses;
  events: RoomEvents;
  rateLimiter: RateLimiter;
  transaction: TransactionRunner;
  clock: Clock;
  logger: Logger;
}): MeetingsService {
  const {
    meetings,
    meetingLog,
    invites,
    participants,
    users,
    roomsService,
    livekit,
    guestPasses,
    events,
    rateLimiter,
    transaction,
    clock,
    logger,
  } = deps;

  async function attendeeFor(visitor: MeetingVisitor, roomId: string | undefined): Promise<MeetingAttendee & { kind: "member" | "guest" }> {
    if (isUuid(roomId)) {
      if (visitor.user) {
        const member = await meetings.findMemberAttendee(roomId, visitor.user.id);
        if (member) return { ...member, kind: "member" };
      }
      const pass = visitor.guestPass;
      if (pass && pass.roomId === roomId) {
        const guest = await meetings.findGuestAttendee(roomId, pass.participantId, pass.passId);
        if (guest) return { ...guest, kind: guest.userId && guest.userId === visitor.user?.id ? "member" : "guest" };
      }
    }
    throw new NotFoundError("No such room");
  }

  /** The invitation behind a link, or why it cannot be used. */
  async function findInvite(roomId: string | undefined, token: string | undefined): Promise<InviteLink | null> {
    const parsed = inviteTokenField.safeParse(token ?? "");
    if (!isUuid(roomId) || !parsed.success) return null;
    return meetings.findInviteLink(roomId, hashLinkToken(parsed.data));
  }

  async function requireUsableInvite(
    roomId: string | undefined,
    token: string | undefined,
  ): Promise<InviteLink & { participantId: string }> {
    const invite = await findInvite(roomId, token);
    if (!invite || invite.status === "revoked" || !invite.participantId) throw new InvalidTokenError("This invitation link is not valid.");
    if (isInviteExpired(invite, clock.now()))
      throw new InvalidTokenError("This invitation has expired. Ask the room's owner for a new one.");
    if (invite.status !== "pending") throw new InvalidTokenError("This invitation has already been accepted.");
    return invite as InviteLink & { participantId: string };
  }

  return {
    available: Boolean(livekit.serverUrl),

    async seatFor(visitor, roomId) {
      const attendee = await attendeeFor(visitor, roomId);
      return {
        roomId: attendee.roomId,
        roomName: attendee.roomName,
        participantId: attendee.participantId,
        kind: attendee.kind,
        displayName: attendee.kind === "member" && visitor.user ? visitor.user.name : attendee.name,
        email: attendee.email,
        role: attendee.role,
      };
    },

    async join(visitor, roomId, input) {
      const attendee = await attendeeFor(visitor, roomId);
      const identity = attendee.kind === "member" ? attendee.userId! : attendee.participantId;
      await rateLimiter.consume([RATE_POLICIES.meetingJoinsPerPerson, identity]);

      const room = attendee.livekitRoomName ?? livekitRoomNameFor(attendee.roomId);
      try {
        // Made here if LiveKit was down when the room was created (and harmless when it exists).
        const { sid } = await livekit.ensureRoom(room);
        if (sid !== attendee.roomSid) await meetings.setRoomSid(attendee.roomId, sid);
        const token = await livekit.mintJoinToken({
          room,
          identity,
          name: meetingDisplayName(attendee.kind, input.displayName, attendee.name),
          metadata: JSON.stringify({ role: attendee.role, participantId: attendee.participantId, guest: attendee.kind === "guest" }),
          ttlSeconds: JOIN_TOKEN_TTL_SECONDS,
        });
        logger.info(
          { event: "meeting-token", roomId: attendee.roomId, identity, guest: attendee.kind === "guest" },
          "meeting token issued",
        );
        return {
          serverUrl: livekit.serverUrl,
          token,
          identity,
          expiresAt: new Date(clock.now().getTime() + JOIN_TOKEN_TTL_SECONDS * 1000),
        };
      } catch (error) {
        if (error instanceof LiveKitUnavailableError) {
          logger.warn({ roomId: attendee.roomId, reason: error.message }, "meeting join failed: LiveKit unavailable");
          throw new UnavailableError("The meeting server is not answering right now. Please try again in a moment.");
        }
        throw error;
      }
    },

    async removeFromMeeting(userId, roomId, participantId) {
      const { room, role } = await roomsService.getForMember(userId, roomId, "removeFromMeeting");
      const person = isUuid(participantId) ? await participants.find(room.id, participantId) : null;
      if (!person) throw new NotFoundError("No such participant");
      requireActionOn(role, "removeFromMeeting", person.role);
      try {
        for (const identity of meetingIdentitiesOf(person))
          await livekit.removeParticipant(room.livekitRoomName ?? livekitRoomNameFor(room.id), identity);
      } catch (error) {
        if (!(error instanceof LiveKitUnavailableError)) throw error;
        throw new UnavailableError("The meeting server is not answering right now. Please try again in a moment.");
      }
      logger.info({ event: "removed-from-meeting", roomId: room.id }, "participant removed from the meeting");
    },

    readGuestPass: (token, roomId) => (isUuid(roomId) ? guestPasses.read(token, roomId) : Promise.resolve(null)),

    async openInviteLink(roomId, token, viewer) {
      const invite = await findInvite(roomId, token);
      if (!invite || invite.status === "revoked" || !invite.participantId) return { state: "invalid" };
      if (invite.status === "accepted") {
        if (viewer && invite.participantUserId === viewer.id) return { state: "member", roomId: invite.roomId, roomName: invite.roomName };
        return { state: "used", roomName: invite.roomName };
      }
      if (isInviteExpired(invite, clock.now())) return { state: "expired", roomName: invite.roomName, inviterName: invite.inviterName };
      return {
        state: "open",
        roomId: invite.roomId,
        roomName: invite.roomName,
        inviterName: invite.inviterName,
        inviteeName: invite.name,
        inviteeEmail: invite.email,
        viewer: !viewer ? "anonymous" : viewer.email === invite.email ? "invitee" : "someone-else",
      };
    },

    async acceptInviteLink(user, roomId, token) {
      const invite = await requireUsableInvite(roomId, token);
      if (user.email !== invite.email) {
        throw new ValidationError(`This invitation was sent to another email address. Sign out, or join as a guest.`);
      }
      const now = clock.now();
      await transaction(async (tx) => {
        await invites.markAccepted(invite.inviteId, now, tx);
        if (invite.participantId) await participants.linkToUser(invite.participantId, user.id, tx);
        // The emailed link reached this address: it proves it (SECURITY 35).
        await users.markEmailVerified(user.id, invite.email, now, tx);
      });
      logger.info({ event: "invite-accepted", roomId: invite.roomId, via: "link" }, "invitation accepted");
      return { roomId: invite.roomId };
    },

    async startGuestVisit(roomId, token) {
      const invite = await requireUsableInvite(roomId, token);
      await rateLimiter.consume([RATE_POLICIES.meetingJoinsPerPerson, invite.participantId]);
      const {
        token: pass,
        expiresAt,
        pass: guestPass,
      } = await guestPasses.issue({ participantId: invite.participantId, roomId: invite.roomId });
      if (!(await meetings.bindGuestPass(invite.inviteId, guestPass.passId)))
        throw new InvalidTokenError("This invitation link is not valid.");
      logger.info({ event: "guest-visit", roomId: invite.roomId }, "guest pass issued");
      return { pass, expiresAt, roomId: invite.roomId, guestPass };
    },

    async receiveWebhook(rawBody, authorization) {
      let event;
      try {
        event = await livekit.verifyWebhook(rawBody, authorization);
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, "LiveKit webhook refused");
        throw new AuthenticationError("Invalid webhook signature");
      }
      const outcome = await transaction(async (tx): Promise<WebhookOutcome> => {
        const fresh = await meetings.recordWebhookEvent({ id: event.id, event: event.event, roomName: event.room?.name ?? null }, tx);
        if (!fresh) return "duplicate";
        const roomId = event.room ? await meetings.findRoomIdByLiveKitName(event.room.name, tx) : null;
        if (!roomId) return "ignored";
        const participant = event.participant;
        const logged = { roomId, roomSid: event.room?.sid ?? "", at: event.createdAt };
        let changed = false;
        let logEvent: MeetingLogEvent | null = null;
        if (event.event === "participant_joined" && participant) {
          changed = await participants.markJoined(
            { roomId, identity: participant.identity, sid: participant.sid, at: event.createdAt },
            tx,
          );
          const attendee = await meetingLog.attendeeOf(roomId, participant.identity, tx);
          if (attendee) {
            const name = attendee.guest ? `${attendee.name} ${GUEST_MARK}` : attendee.name;
            logEvent = { type: "joined", ...logged, identity: participant.identity, name };
          }
        } else if (event.event === "participant_left" && participant) {
          changed = await participants.markLeft({ roomId, identity: participant.identity, sid: participant.sid }, tx);
          logEvent = { type: "left", ...logged };
        } else if (event.event === "room_finished") {
          changed = await participants.clearMeeting(roomId, event.createdAt, tx);
          logEvent = { type: "finished", ...logged };
        } else {
          return "ignored";
        }
        if (changed) await events.publish({ type: "presence-changed", roomId }, tx);
        if (logEvent) {
          const { written, removed } = await applyToMeetingLog(meetingLog, logEvent, tx);
          for (const postId of written) await events.publish({ type: "post-created", roomId, postId }, tx);
          for (const postId of removed) await events.publish({ type: "post-deleted", roomId, postId }, tx);
        }
        return "applied";
      });
      logger.debug({ event: event.event, id: event.id, outcome }, "LiveKit webhook");
      return outcome;
    },
  };
}
