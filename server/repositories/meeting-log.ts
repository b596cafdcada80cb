import { QueryTypes, type Sequelize } from "sequelize";
import type { Tx } from "./transaction";

/** One stretch of a LiveKit room's life with people in it. */
export interface MeetingRecord {
  id: string;
  roomSid: string;
  startedAt: Date;
  endedAt: Date | null;
  /** The latest join or leave applied to it: where it ends when LiveKit never says. */
  lastActivityAt: Date;
  /** LiveKit reported this room sid finished: no later join may open a meeting under it. */
  roomFinished: boolean;
}

/**
 * The meetings of the room feed and their two entries (rows of `posts` with a `kind`). Every method
 * runs in the webhook's transaction, after `lockRoom`, so a room's webhooks apply one at a time.
 */
export interface MeetingLogRepository {
  lockRoom(roomId: string, tx: Tx): Promise<void>;
  /** The name a LiveKit identity (user id of a member, participant id of a guest) had in the room, or null. */
  attendeeOf(roomId: string, identity: string, tx: Tx): Promise<{ name: string; guest: boolean } | null>;
  /** Meetings held under one LiveKit room sid, oldest first. */
  meetingsOfSid(roomId: string, roomSid: string, tx: Tx): Promise<MeetingRecord[]>;
  openMeeting(roomId: string, tx: Tx): Promise<MeetingRecord | null>;
  /** Opens a meeting and writes its "started" entry; returns both ids. */
  start(meeting: { roomId: string; roomSid: string; at: Date }, tx: Tx): Promise<{ meetingId: string; entryId: string }>;
  /** Adds (or keeps, at the earlier time) an attendee; moves the start back when they joined before it. */
  attend(meetingId: string, attendee: { identity: string; name: string; at: Date }, tx: Tx): Promise<void>;
  /** Records a leave: the latest activity a meeting closed without LiveKit's word ends at. */
  touch(meetingId: string, at: Date, tx: Tx): Promise<void>;
  /** Closes a meeting and writes its "ended" entry, once; null when it was closed already. */
  end(meetingId: string, at: Date, tx: Tx): Promise<string | null>;
  /** Opens a closed meeting again and removes its "ended" entry; returns that entry's id, or null. */
  reopen(meetingId: string, tx: Tx): Promise<string | null>;
  markSidFinished(roomId: string, roomSid: string, tx: Tx): Promise<void>;
  /** Whether anyone is in the room's meeting now (presence kept in room_participants). */
  anyonePresent(roomId: string, tx: Tx): Promise<boolean>;
}

const MEETING_COLUMNS = `id, room_sid AS "roomSid", started_at AS "startedAt", ended_at AS "endedAt",
  last_activity_at AS "lastActivityAt", room_finished AS "roomFinished"`;
// A member's identity is their user id; a guest's is their participant id (as in the participants repository).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createMeetingLogRepository(sequelize: Sequelize): MeetingLogRepository {
  const select = <T extends object>(sql: string, replacements: Record<string, unknown>, tx: Tx) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction: tx });
  const run = async (sql: string, replacements: Record<string, unknown>, tx: Tx) => {
    await sequelize.query(sql, { replacements, transaction: tx });
  };
  const entry = async (meetingId: string, kind: "meeting_started" | "meeting_ended", at: Date, tx: Tx) => {
    const [row] = await select<{ id: string }>(
      `INSERT INTO posts (room_id, kind, meeting_id, message, created_at, updated_at)
       SELECT room_id, :kind, id, '', :at, :at FROM meetings WHERE id = :meetingId
       ON CONFLICT (meeting_id, kind) WHERE meeting_id IS NOT NULL DO NOTHING RETURNING id`,
      { meetingId, kind, at },
      tx,
    );
    return row?.id ?? null;
  };

  return {
    lockRoom: (roomId, tx) => run(`SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))`, { key: `meeting-log:${roomId}` }, tx),

    async attendeeOf(roomId, identity, tx) {
      if (!UUID.test(identity)) return null;
      const [row] = await select<{ name: string; guest: boolean }>(
        `SELECT coalesce(u.name, p.name) AS name, p.user_id IS NULL AS guest
           FROM room_participants p LEFT JOIN users u ON u.id = p.user_id
          WHERE p.room_id = :roomId AND (p.user_id = :identity::uuid OR p.id = :identity::uuid)
          ORDER BY p.user_id IS NULL LIMIT 1`,
        { roomId, identity },
        tx,
      );
      return row ?? null;
    },

    meetingsOfSid: (roomId, roomSid, tx) =>
      select<MeetingRecord>(
        `SELECT ${MEETING_COLUMNS} FROM meetings WHERE room_id = :roomId AND room_sid = :roomSid ORDER BY started_at`,
        { roomId, roomSid },
        tx,
      ),

    async openMeeting(roomId, tx) {
      const [row] = await select<MeetingRecord>(
        `SELECT ${MEETING_COLUMNS} FROM meetings WHERE room_id = :roomId AND ended_at IS NULL`,
        { roomId },
        tx,
      );
      return row ?? null;
    },

    async start({ roomId, roomSid, at }, tx) {
      const [meeting] = await select<{ id: string }>(
        `INSERT INTO meetings (room_id, room_sid, started_at, last_activity_at) VALUES (:roomId, :roomSid, :at, :at) RETURNING id`,
        { roomId, roomSid, at },
        tx,
      );
      const entryId = await entry(meeting!.id, "meeting_started", at, tx);
      return { meetingId: meeting!.id, entryId: entryId! };
    },

    async attend(meetingId, { identity, name, at }, tx) {
      await run(
        `INSERT INTO meeting_attendees (meeting_id, identity, name, first_joined_at) VALUES (:meetingId, :identity, :name, :at)
         ON CONFLICT (meeting_id, identity) DO UPDATE SET first_joined_at = least(meeting_attendees.first_joined_at, excluded.first_joined_at);
         UPDATE meetings SET started_at = least(started_at, :at), last_activity_at = greatest(last_activity_at, :at) WHERE id = :meetingId;
         UPDATE posts SET created_at = :at, updated_at = :at WHERE meeting_id = :meetingId AND kind = 'meeting_started' AND created_at > :at;`,
        { meetingId, identity, name, at },
        tx,
      );
    },

    touch: (meetingId, at, tx) =>
      run(`UPDATE meetings SET last_activity_at = greatest(last_activity_at, :at) WHERE id = :meetingId`, { meetingId, at }, tx),

    async end(meetingId, at, tx) {
      const [closed] = await select<{ endedAt: Date }>(
        `UPDATE meetings SET ended_at = greatest(:at, started_at), last_activity_at = greatest(last_activity_at, :at)
          WHERE id = :meetingId AND ended_at IS NULL RETURNING ended_at AS "endedAt"`,
        { meetingId, at },
        tx,
      );
      return closed ? entry(meetingId, "meeting_ended", closed.endedAt, tx) : null;
    },

    async reopen(meetingId, tx) {
      const [removed] = await select<{ id: string }>(
        `WITH reopened AS (UPDATE meetings SET ended_at = NULL WHERE id = :meetingId AND ended_at IS NOT NULL RETURNING id)
         DELETE FROM posts WHERE meeting_id IN (SELECT id FROM reopened) AND kind = 'meeting_ended' RETURNING id`,
        { meetingId },
        tx,
      );
      return removed?.id ?? null;
    },

    markSidFinished: (roomId, roomSid, tx) =>
      run(
        `UPDATE meetings SET room_finished = true WHERE room_id = :roomId AND room_sid = :roomSid AND NOT room_finished`,
        { roomId, roomSid },
        tx,
      ),

    async anyonePresent(roomId, tx) {
      const rows = await select(
        `SELECT 1 FROM room_participants WHERE room_id = :roomId AND in_meeting_since IS NOT NULL LIMIT 1`,
        { roomId },
        tx,
      );
      return rows.length > 0;
    },
  };
}
