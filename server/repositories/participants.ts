import { QueryTypes, type Sequelize } from "sequelize";
import type { Participant, ParticipantRole } from "./rooms";
import type { Tx } from "./transaction";

/** The one writer of `room_participants`; the rooms and meetings repositories only read it in their joins. */
export interface ParticipantsRepository {
  add(participant: { roomId: string; userId?: string; email: string; name: string; role: ParticipantRole }, tx: Tx): Promise<string>;
  /** Which of these addresses are already in the room. */
  existingEmails(roomId: string, emails: string[], tx?: Tx): Promise<string[]>;
  find(roomId: string, participantId: string): Promise<Participant | null>;
  /** The user's own row in the room. */
  findByUser(roomId: string, userId: string): Promise<Participant | null>;
  setRole(participantId: string, role: ParticipantRole, tx?: Tx): Promise<void>;
  remove(participantId: string): Promise<void>;
  /** Links an invited guest's row to the account that accepted; a row linked already stays as it is. */
  linkToUser(participantId: string, userId: string, tx: Tx): Promise<void>;
  /** Removes an invited guest's row unless an account is linked to it. */
  removeUnlinked(participantId: string, tx: Tx): Promise<void>;
  /** `identity` is a user id (members) or a participant id (guests). Returns whether a row changed. */
  markJoined(presence: { roomId: string; identity: string; sid: string; at: Date }, tx: Tx): Promise<boolean>;
  /** Only the connection that joined last may mark the person as gone. */
  markLeft(presence: { roomId: string; identity: string; sid: string }, tx: Tx): Promise<boolean>;
  /** LiveKit finished the room at `finishedAt`: clears those who joined by then (not a newer meeting's people). */
  clearMeeting(roomId: string, finishedAt: Date, tx: Tx): Promise<boolean>;
  /**
   * Marks these members as emailed about a mention at `at`, each only if not emailed since
   * `notSince` (one conditional update, so two posts at once cannot both claim); returns who was marked.
   */
  claimMentionEmails(roomId: string, userIds: string[], at: Date, notSince: Date, tx: Tx): Promise<string[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A member's identity is their user id; a guest's is their participant id.
const IDENTITY_MATCH = `(p.user_id = :identity::uuid OR p.id = :identity::uuid)`;

export function createParticipantsRepository(sequelize: Sequelize): ParticipantsRepository {
  const select = <T extends object>(sql: string, replacements: Record<string, unknown>, tx?: Tx) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction: tx });
  const changed = async (sql: string, replacements: Record<string, unknown>, tx?: Tx) => {
    const [, count] = await sequelize.query(sql, { type: QueryTypes.UPDATE, replacements, transaction: tx });
    return Number(count) > 0;
  };
  const findOne = async (where: string, replacements: Record<string, unknown>): Promise<Participant | null> => {
    const [row] = await select<
      Omit<Participant, "inviteStatus" | "inviteExpiresAt" | "deliveryStatus" | "inMeeting"> & { inMeeting: boolean }
    >(
      `SELECT id, user_id AS "userId", email, name, role, joined_at AS "joinedAt", created_at AS "createdAt",
              in_meeting_since IS NOT NULL AS "inMeeting"
         FROM room_participants WHERE ${where}`,
      replacements,
    );
    return row ? { ...row, inviteStatus: null, inviteExpiresAt: null, deliveryStatus: null } : null;
  };
  const run = async (sql: string, replacements: Record<string, unknown>, tx?: Tx) => {
    await sequelize.query(sql, { replacements, transaction: tx });
  };

  return {
    async add({ roomId, userId, email, name, role }, tx) {
      const [row] = await select<{ id: string }>(
        `INSERT INTO room_participants (room_id, user_id, email, name, role) VALUES (:roomId, :userId, :email, :name, :role) RETURNING id`,
        { roomId, userId: userId ?? null, email, name, role },
        tx,
      );
      return row!.id;
    },

    async existingEmails(roomId, emails, tx) {
      if (!emails.length) return [];
      const rows = await select<{ email: string }>(
        `SELECT email FROM room_participants WHERE room_id = :roomId AND email IN (:emails)`,
        { roomId, emails },
        tx,
      );
      return rows.map((r) => r.email);
    },

    find: (roomId, participantId) => findOne(`id = :participantId AND room_id = :roomId`, { roomId, participantId }),

    findByUser: (roomId, userId) => findOne(`user_id = :userId AND room_id = :roomId`, { roomId, userId }),

    setRole: (participantId, role, tx) =>
      run(`UPDATE room_participants SET role = :role WHERE id = :participantId`, { participantId, role }, tx),

    remove: (participantId) => run(`DELETE FROM room_participants WHERE id = :participantId`, { participantId }),

    linkToUser: (participantId, userId, tx) =>
      run(`UPDATE room_participants SET user_id = :userId WHERE id = :participantId AND user_id IS NULL`, { participantId, userId }, tx),

    removeUnlinked: (participantId, tx) =>
      run(`DELETE FROM room_participants WHERE id = :participantId AND user_id IS NULL`, { participantId }, tx),

    async markJoined({ roomId, identity, sid, at }, tx) {
      if (!UUID.test(identity)) return false;
      return changed(
        `UPDATE room_participants p SET meeting_sid = :sid, in_meeting_since = :at, joined_at = coalesce(p.joined_at, :at)
          WHERE p.room_id = :roomId AND ${IDENTITY_MATCH}`,
        { roomId, identity, sid, at },
        tx,
      );
    },

    async markLeft({ roomId, identity, sid }, tx) {
      if (!UUID.test(identity)) return false;
      return changed(
        `UPDATE room_participants p SET meeting_sid = NULL, in_meeting_since = NULL
          WHERE p.room_id = :roomId AND ${IDENTITY_MATCH} AND p.meeting_sid = :sid`,
        { roomId, identity, sid },
        tx,
      );
    },

    clearMeeting: (roomId, finishedAt, tx) =>
      changed(
        `UPDATE room_participants SET meeting_sid = NULL, in_meeting_since = NULL
          WHERE room_id = :roomId AND in_meeting_since <= :finishedAt`,
        { roomId, finishedAt },
        tx,
      ),

    async claimMentionEmails(roomId, userIds, at, notSince, tx) {
      if (!userIds.length) return [];
      const rows = await select<{ user_id: string }>(
        `UPDATE room_participants SET mention_emailed_at = :at
          WHERE room_id = :roomId AND user_id IN (:userIds) AND (mention_emailed_at IS NULL OR mention_emailed_at <= :notSince)
          RETURNING user_id`,
        { roomId, userIds, at, notSince },
        tx,
      );
      return rows.map((row) => row.user_id);
    },
  };
}
