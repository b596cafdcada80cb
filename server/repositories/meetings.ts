import { QueryTypes, type Sequelize } from "sequelize";
import type { ParticipantRole } from "./rooms";
import type { Tx } from "./transaction";

/** A person who may join a room's meeting: a member (linked to an account) or an invited guest. */
export interface MeetingAttendee {
  participantId: string;
  userId: string | null;
  roomId: string;
  roomName: string;
  livekitRoomName: string | null;
  roomSid: string | null;
  name: string;
  email: string;
  role: ParticipantRole;
}

/** An invite link's invitation, with what its landing page shows. */
export interface InviteLink {
  inviteId: string;
  roomId: string;
  roomName: string;
  inviterName: string;
  participantId: string | null;
  participantUserId: string | null;
  email: string;
  name: string;
  status: "pending" | "accepted" | "expired" | "revoked";
  expiresAt: Date;
}

export interface MeetingsRepository {
  /** The member's participant row in the room (by account), or null. */
  findMemberAttendee(roomId: string, userId: string): Promise<MeetingAttendee | null>;
  /**
   * A guest's participant row, while `passId` is the latest pass of its pending invitation: null
   * once they were removed, the invitation was resent (revoked) or accepted, or a newer pass replaced it.
   */
  findGuestAttendee(roomId: string, participantId: string, passId: string): Promise<MeetingAttendee | null>;
  /** Records the pass an invite link issued, replacing any earlier one; false if the invitation is no longer pending. */
  bindGuestPass(inviteId: string, passId: string): Promise<boolean>;
  findInviteLink(roomId: string, tokenHash: string): Promise<InviteLink | null>;
  setRoomSid(roomId: string, roomSid: string): Promise<void>;
  /** Records a webhook event id; false when it was seen before (then the event must change nothing). */
  recordWebhookEvent(event: { id: string; event: string; roomName: string | null }, tx: Tx): Promise<boolean>;
  findRoomIdByLiveKitName(livekitRoomName: string, tx: Tx): Promise<string | null>;
}

const ATTENDEE_COLUMNS = `p.id AS "participantId", p.user_id AS "userId", r.id AS "roomId", r.room_name AS "roomName",
  r.livekit_room_name AS "livekitRoomName", r.room_sid AS "roomSid", p.name, p.email, p.role`;

export function createMeetingsRepository(sequelize: Sequelize): MeetingsRepository {
  const one = async <T extends object>(sql: string, replacements: Record<string, unknown>, tx?: Tx): Promise<T | null> => {
    const [row] = await sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction: tx });
    return row ?? null;
  };
  return {
    findMemberAttendee: (roomId, userId) =>
      one<MeetingAttendee>(
        `SELECT ${ATTENDEE_COLUMNS} FROM room_participants p JOIN rooms r ON r.id = p.room_id
          WHERE p.room_id = :roomId AND p.user_id = :userId AND p.is_active`,
        { roomId, userId },
      ),

    findGuestAttendee: (roomId, participantId, passId) =>
      one<MeetingAttendee>(
        `SELECT ${ATTENDEE_COLUMNS} FROM room_participants p JOIN rooms r ON r.id = p.room_id
           JOIN invites i ON i.participant_id = p.id AND i.guest_pass_id = :passId AND i.status = 'pending'
          WHERE p.room_id = :roomId AND p.id = :participantId AND p.is_active`,
        { roomId, participantId, passId },
      ),

    async bindGuestPass(inviteId, passId) {
      const [, count] = await sequelize.query(`UPDATE invites SET guest_pass_id = :passId WHERE id = :inviteId AND status = 'pending'`, {
        type: QueryTypes.UPDATE,
        replacements: { inviteId, passId },
      });
      return Number(count) > 0;
    },

    findInviteLink: (roomId, tokenHash) =>
      one<InviteLink>(
        `SELECT i.id AS "inviteId", i.room_id AS "roomId", r.room_name AS "roomName", u.name AS "inviterName",
                p.id AS "participantId", p.user_id AS "participantUserId", i.invitee_email AS email,
                coalesce(p.name, i.invitee_name, i.invitee_email) AS name, i.status, i.expires_at AS "expiresAt"
           FROM invites i
           JOIN rooms r ON r.id = i.room_id
           JOIN users u ON u.id = i.inviter_id
           LEFT JOIN room_participants p ON p.id = i.participant_id AND p.is_active
          WHERE i.token_hash = :tokenHash AND i.room_id = :roomId`,
        { roomId, tokenHash },
      ),

    async setRoomSid(roomId, roomSid) {
      await sequelize.query(`UPDATE rooms SET room_sid = :roomSid WHERE id = :roomId AND room_sid IS DISTINCT FROM :roomSid`, {
        replacements: { roomId, roomSid },
      });
    },

    async recordWebhookEvent(event, tx) {
      const rows = await sequelize.query(
        `INSERT INTO livekit_webhook_events (id, event, room_name) VALUES (:id, :event, :roomName)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        { type: QueryTypes.SELECT, replacements: event, transaction: tx },
      );
      return rows.length === 1;
    },

    async findRoomIdByLiveKitName(livekitRoomName, tx) {
      const row = await one<{ id: string }>(`SELECT id FROM rooms WHERE livekit_room_name = :livekitRoomName`, { livekitRoomName }, tx);
      return row?.id ?? null;
    },
  };
}
