import { DataTypes, Model, Op, QueryTypes, type Sequelize } from "sequelize";
import { preparedQuery } from "../db/prepared-statement";
import { likePattern } from "./like-pattern";
import { MARK_READ_CTES, readPointOf, type ReadPoint } from "./participants";
import type { Tx } from "./transaction";

export type ParticipantRole = "owner" | "moderator" | "participant";

export interface Room {
  id: string;
  name: string;
  description: string | null;
  ownerId: string;
  livekitRoomName: string | null;
  roomSid: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastActivityAt: Date;
}

export interface RoomListItem extends Room {
  memberCount: number;
  /** How many are in the room's meeting now. */
  inMeetingCount: number;
  lastPostAt: Date | null;
  role: ParticipantRole;
  /** Others' posts after the member's read point (deleted ones and Parley's entries aside), counted up to the cap asked for. */
  unreadCount: number;
  /** Of those, the ones that mention the member, up to the same cap. */
  unreadMentionCount: number;
}

export interface Participant {
  id: string;
  userId: string | null;
  email: string;
  name: string;
  role: ParticipantRole;
  joinedAt: Date | null;
  createdAt: Date;
  /** The latest invitation's state, when the person was invited (the owner was not). */
  inviteStatus: "pending" | "accepted" | "expired" | "revoked" | null;
  /** When that invitation expires (the rooms service turns a pending one past it into "expired"). */
  inviteExpiresAt: Date | null;
  /** Whether that invitation's email went out. */
  deliveryStatus: "queued" | "sent" | "failed" | null;
  /** In the room's meeting now (from LiveKit's webhooks). */
  inMeeting: boolean;
}

export interface RoomListCursor {
  lastActivityAt: Date;
  id: string;
}

export interface RoomsRepository {
  create(
    room: { name: string; description: string | null; ownerId: string; livekitRoomName: (id: string) => string },
    tx: Tx,
  ): Promise<Room>;
  setLiveKitRoom(id: string, roomSid: string): Promise<void>;
  /**
   * Rooms the user belongs to, most recently active first, after `cursor`; `q` matches name or
   * description ignoring case. Unread counts stop at `unreadCap` (if given), so each stays a short index range scan.
   */
  listForUser(userId: string, options: { q?: string; after?: RoomListCursor; limit: number; unreadCap?: number }): Promise<RoomListItem[]>;
  /**
   * The room, the user's role in it, who is in its meeting now and the user's read point, or null
   * when either is missing: one query. With `markRead`, the same statement moves the read point to
   * the room's newest post (MARK_READ_CTES); `readPoint` is still the one from before.
   */
  findForMember(
    roomId: string,
    userId: string,
    options?: { markRead?: boolean },
  ): Promise<{ room: Room; role: ParticipantRole; inMeeting: string[]; memberCount: number; readPoint: ReadPoint | null } | null>;
  /** Moves the room to another owner unless it changed hands meanwhile; returns whether it moved. */
  setOwner(id: string, change: { from: string; to: string }, tx: Tx): Promise<boolean>;
  update(id: string, changes: { name: string; description: string | null }, at: Date): Promise<void>;
  delete(id: string): Promise<void>;
  touch(id: string, at: Date, tx?: Tx): Promise<void>;
  /** Up to `limit` of those in the room: the owner first, then by name. */
  listParticipants(roomId: string, limit: number): Promise<Participant[]>;
}

export class RoomModel extends Model {
  declare id: string;
  declare name: string;
  declare description: string | null;
  declare ownerId: string;
  declare livekitRoomName: string | null;
  declare roomSid: string | null;
  declare createdAt: Date;
  declare updatedAt: Date;
  declare lastActivityAt: Date;
}

export function defineRoomModel(sequelize: Sequelize) {
  RoomModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      name: { type: DataTypes.STRING(100), allowNull: false, field: "room_name" },
      description: { type: DataTypes.STRING(1000) },
      ownerId: { type: DataTypes.UUID, allowNull: false },
      livekitRoomName: { type: DataTypes.STRING(255) },
      roomSid: { type: DataTypes.STRING(255) },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      lastActivityAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: "rooms" },
  );
}

const plainRoom = (row: RoomModel): Room => {
  const { id, name, description, ownerId, livekitRoomName, roomSid, createdAt, updatedAt, lastActivityAt } = row.get({
    plain: true,
  }) as RoomModel;
  return { id, name, description, ownerId, livekitRoomName, roomSid, createdAt, updatedAt, lastActivityAt };
};

interface RoomRow {
  id: string;
  room_name: string;
  description: string | null;
  owner_id: string;
  livekit_room_name: string | null;
  room_sid: string | null;
  created_at: Date;
  updated_at: Date;
  last_activity_at: Date;
}

const fromRow = (row: RoomRow): Room => ({
  id: row.id,
  name: row.room_name,
  description: row.description,
  ownerId: row.owner_id,
  livekitRoomName: row.livekit_room_name,
  roomSid: row.room_sid,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  lastActivityAt: row.last_activity_at,
});

/**
 * What counts as unread for member $1 (the `me` row): others' posts (not Parley's entries), not
 * deleted, after the read point (everything, when nothing is read).
 */
const COUNTED_POST = `p.kind = 'post' AND NOT p.is_deleted AND p.creator_id <> $1
  AND (me.last_read_at IS NULL OR (p.created_at, p.id) > (me.last_read_at, me.last_read_post_id))`;

/**
 * Unread posts, counted among the newest $7 (the cap) posts after the read point (the feed's index
 * walked backwards, so a room's work is bounded whatever it holds, even a long run of one's own
 * posts): the count shows "99+" from the cap on anyway.
 */
const UNREAD_COUNT = `(SELECT count(*)::int FROM (
    SELECT p.kind, p.is_deleted, p.creator_id FROM posts p
     WHERE p.room_id = r.id AND (me.last_read_at IS NULL OR (p.created_at, p.id) > (me.last_read_at, me.last_read_post_id))
     ORDER BY p.created_at DESC, p.id DESC LIMIT $7) newest
  WHERE newest.kind = 'post' AND NOT newest.is_deleted AND newest.creator_id <> $1) AS unread_count`;

/** What `fromRow` reads, for a query whose rooms are `r`. */
const ROOM_COLUMNS =
  "r.id, r.room_name, r.description, r.owner_id, r.livekit_room_name, r.room_sid, r.created_at, r.updated_at, r.last_activity_at";
const MEMBER_COUNT = "(SELECT count(*)::int FROM room_participants p WHERE p.room_id = r.id AND p.is_active) AS member_count";

/**
 * My rooms, a page of them (a prepared statement: /home runs it on every visit): member $1, search
 * words $2 (null: all) as the LIKE pattern $3, after the keyset ($4, $5; null: the first page), at
 * most $6 rooms, unread counts capped at $7. The counts are select-list subqueries, so they run for
 * the page's rooms only, after the LIMIT.
 */
const ROOMS_OF_MEMBER = `SELECT ${ROOM_COLUMNS}, me.role, ${MEMBER_COUNT},
       (SELECT count(*)::int FROM room_participants p WHERE p.room_id = r.id AND p.in_meeting_since IS NOT NULL) AS in_meeting_count,
       (SELECT max(created_at) FROM posts WHERE posts.room_id = r.id) AS last_post_at,
       ${UNREAD_COUNT},
       (SELECT count(*)::int FROM (
          SELECT 1 FROM post_mentions pm JOIN posts p ON p.id = pm.post_id
           WHERE pm.user_id = $1 AND pm.room_id = r.id
             -- A mention is recorded no earlier than its post: the index skips what was read.
             AND (me.last_read_at IS NULL OR pm.created_at >= me.last_read_at)
             AND ${COUNTED_POST} LIMIT $7) m) AS unread_mention_count
  FROM room_participants me
  JOIN rooms r ON r.id = me.room_id
 WHERE me.user_id = $1 AND me.is_active
   AND ($2::text IS NULL OR (r.room_name || ' ' || coalesce(r.description, '')) ILIKE $3)
   AND ($4::timestamptz IS NULL OR (r.last_activity_at, r.id) < ($4::timestamptz, $5::uuid))
 ORDER BY r.last_activity_at DESC, r.id DESC
 LIMIT $6`;

/** The room page's one read of room $1 for member $2 (a prepared statement: see findForMember). */
const ROOM_FOR_MEMBER = `SELECT ${ROOM_COLUMNS}, me.role, me.last_read_at, me.last_read_post_id,
       (SELECT coalesce(json_agg(p.name ORDER BY p.in_meeting_since, p.name), '[]'::json)
          FROM room_participants p WHERE p.room_id = r.id AND p.in_meeting_since IS NOT NULL) AS in_meeting,
       ${MEMBER_COUNT}
  FROM rooms r
  JOIN room_participants me ON me.room_id = r.id AND me.user_id = $2 AND me.is_active
 WHERE r.id = $1`;

/**
 * The same, moving the member's read point to the room's newest post ($3 null) on the way. The marking
 * CTE runs even though the SELECT never reads it; the SELECT sees the rows as they were before.
 */
const ROOM_FOR_MEMBER_MARKING_READ = `WITH ${MARK_READ_CTES}
${ROOM_FOR_MEMBER}`;

export function createRoomsRepository(sequelize: Sequelize): RoomsRepository {
  return {
    async create(room, tx) {
      const row = await RoomModel.create({ name: room.name, description: room.description, ownerId: room.ownerId }, { transaction: tx });
      row.livekitRoomName = room.livekitRoomName(row.id);
      await row.save({ transaction: tx });
      return plainRoom(row);
    },

    async setLiveKitRoom(id, roomSid) {
      await RoomModel.update({ roomSid }, { where: { id } });
    },

    async listForUser(userId, { q, after, limit, unreadCap }) {
      const rows = await preparedQuery<
        RoomRow & {
          member_count: number;
          in_meeting_count: number;
          last_post_at: Date | null;
          role: ParticipantRole;
          unread_count: number;
          unread_mention_count: number;
        }
      >(sequelize, {
        name: "rooms_of_member",
        text: ROOMS_OF_MEMBER,
        // LIMIT NULL is no limit.
        values: [userId, q ?? null, q ? likePattern(q) : null, after?.lastActivityAt ?? null, after?.id ?? null, limit, unreadCap ?? null],
      });
      return rows.map((row) => ({
        ...fromRow(row),
        memberCount: row.member_count,
        inMeetingCount: row.in_meeting_count,
        lastPostAt: row.last_post_at,
        role: row.role,
        unreadCount: row.unread_count,
        unreadMentionCount: row.unread_mention_count,
      }));
    },

    async findForMember(roomId, userId, { markRead = false } = {}) {
      const [row] = await preparedQuery<
        RoomRow & {
          role: ParticipantRole;
          in_meeting: string[];
          member_count: number;
          last_read_at: Date | null;
          last_read_post_id: string | null;
        }
      >(
        sequelize,
        markRead
          ? { name: "rooms_find_for_member_marking_read", text: ROOM_FOR_MEMBER_MARKING_READ, values: [roomId, userId, null] }
          : { name: "rooms_find_for_member", text: ROOM_FOR_MEMBER, values: [roomId, userId] },
      );
      return row
        ? { room: fromRow(row), role: row.role, inMeeting: row.in_meeting, memberCount: row.member_count, readPoint: readPointOf(row) }
        : null;
    },

    async update(id, { name, description }, at) {
      await RoomModel.update({ name, description, updatedAt: at }, { where: { id } });
    },

    async setOwner(id, { from, to }, tx) {
      const [count] = await RoomModel.update({ ownerId: to }, { where: { id, ownerId: from }, transaction: tx });
      return count > 0;
    },

    async delete(id) {
      await RoomModel.destroy({ where: { id } });
    },

    async touch(id, at, tx) {
      // Never backwards: touches from concurrent posts may arrive out of order.
      await RoomModel.update(
        { lastActivityAt: at },
        { where: { id, [Op.or]: [{ lastActivityAt: null }, { lastActivityAt: { [Op.lt]: at } }] }, transaction: tx },
      );
    },

    async listParticipants(roomId, limit) {
      const rows = await sequelize.query<{
        id: string;
        user_id: string | null;
        email: string;
        name: string;
        role: ParticipantRole;
        joined_at: Date | null;
        created_at: Date;
        invite_status: Participant["inviteStatus"];
        invite_expires_at: Date | null;
        delivery_status: Participant["deliveryStatus"];
        in_meeting: boolean;
      }>(
        `SELECT p.id, p.user_id, p.email, p.name, p.role, p.joined_at, p.created_at, p.in_meeting_since IS NOT NULL AS in_meeting,
                i.status AS invite_status, i.expires_at AS invite_expires_at, o.status AS delivery_status
           FROM room_participants p
           LEFT JOIN LATERAL (
             SELECT status, expires_at, outbox_id FROM invites WHERE invites.participant_id = p.id ORDER BY created_at DESC LIMIT 1
           ) i ON true
           LEFT JOIN email_outbox o ON o.id = i.outbox_id
          WHERE p.room_id = :roomId AND p.is_active
          ORDER BY p.role = 'owner' DESC, p.name ASC
          LIMIT :limit`,
        { type: QueryTypes.SELECT, replacements: { roomId, limit } },
      );
      return rows.map((row) => ({
        id: row.id,
        userId: row.user_id,
        email: row.email,
        name: row.name,
        role: row.role,
        joinedAt: row.joined_at,
        createdAt: row.created_at,
        inviteStatus: row.invite_status,
        inviteExpiresAt: row.invite_expires_at,
        deliveryStatus: row.delivery_status,
        inMeeting: row.in_meeting,
      }));
    },
  };
}
