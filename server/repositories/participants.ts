import { QueryTypes, type Sequelize } from "sequelize";
import type { Participant, ParticipantRole } from "./rooms";
import type { Tx } from "./transaction";

/** Where a member stopped reading a room's feed, in its keyset order (created_at, id); null: nothing read. */
export interface ReadPoint {
  at: Date;
  postId: string;
}

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
   * Moves the member's read point forward to a post of the room (its newest when `postId` is null),
   * never back. Null when the user is no member or there is no such post; else the point after.
   */
  markRead(roomId: string, userId: string, postId: string | null): Promise<{ readPoint: ReadPoint | null } | null>;
  /**
   * Marks these members as emailed about a mention at `at`, each only if not emailed since
   * `notSince` (one conditional update, so two posts at once cannot both claim); returns who was marked.
   */
  claimMentionEmails(roomId: string, userIds: string[], at: Date, notSince: Date, tx: Tx): Promise<string[]>;
}

export const readPointOf = (row: { last_read_at: Date | null; last_read_post_id: string | null }): ReadPoint | null =>
  row.last_read_at && row.last_read_post_id ? { at: row.last_read_at, postId: row.last_read_post_id } : null;

/**
 * `read_target` (the post named by $3 in room $1, or the room's newest when $3 is null) and
 * `marked_read` (member $2's read point moved forward to it, never back: the condition is checked
 * again on the locked row, so concurrent marks cannot move it backwards). Bound parameters, so the room
 * page's one query (rooms.findForMember) can carry it as a prepared statement: this module still
 * writes every room_participants row.
 */
export const MARK_READ_CTES = `read_target AS (
    SELECT created_at, id FROM posts
     WHERE room_id = $1 AND ($3::uuid IS NULL OR id = $3::uuid)
     ORDER BY created_at DESC, id DESC LIMIT 1
  ), marked_read AS (
    UPDATE room_participants rp SET last_read_at = t.created_at, last_read_post_id = t.id
      FROM read_target t
     WHERE rp.room_id = $1 AND rp.user_id = $2 AND rp.is_active
       AND (rp.last_read_at IS NULL OR (t.created_at, t.id) > (rp.last_read_at, rp.last_read_post_id))
    RETURNING rp.last_read_at, rp.last_read_post_id
  )`;

const NEWEST_POST = `FROM posts WHERE room_id = :roomId ORDER BY created_at DESC, id DESC LIMIT 1`;
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
      // A newcomer starts with the feed so far read: what is said from now on is what is new to them.
      const [row] = await select<{ id: string }>(
        `INSERT INTO room_participants (room_id, user_id, email, name, role, last_read_at, last_read_post_id)
         VALUES (:roomId, :userId, :email, :name, :role, (SELECT created_at ${NEWEST_POST}), (SELECT id ${NEWEST_POST}))
         RETURNING id`,
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

    async markRead(roomId, userId, postId) {
      const [row] = await sequelize.query<{ found: boolean; last_read_at: Date | null; last_read_post_id: string | null }>(
        `WITH ${MARK_READ_CTES}
         SELECT EXISTS (SELECT 1 FROM read_target) AS found,
                coalesce(m.last_read_at, me.last_read_at) AS last_read_at,
                coalesce(m.last_read_post_id, me.last_read_post_id) AS last_read_post_id
           FROM room_participants me LEFT JOIN marked_read m ON true
          WHERE me.room_id = $1 AND me.user_id = $2 AND me.is_active`,
        { type: QueryTypes.SELECT, bind: [roomId, userId, postId] },
      );
      if (!row || (postId && !row.found)) return null;
      return { readPoint: readPointOf(row) };
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
