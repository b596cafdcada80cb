import { DataTypes, Model, QueryTypes, type Sequelize } from "sequelize";
import type { Tx } from "./transaction";

/** A member's post, or an entry Parley writes itself (a meeting started or ended), which no member may change. */
export type PostKind = "post" | "meeting_started" | "meeting_ended";

/** What a meeting entry shows: who came (in the order they first joined; the first started it) and when. */
export interface MeetingSummary {
  startedAt: Date;
  endedAt: Date | null;
  attendees: string[];
}

export interface Post {
  id: string;
  roomId: string;
  kind: PostKind;
  /** Null for Parley's own entries. */
  creatorId: string | null;
  authorName: string;
  authorUsername: string;
  /** Empty once deleted: a deleted post keeps its place but not its words. */
  message: string;
  isDeleted: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Set on meeting entries only. */
  meeting: MeetingSummary | null;
}

export interface PostCursor {
  createdAt: Date;
  id: string;
}

export interface PostsRepository {
  create(post: { roomId: string; creatorId: string; message: string; createdAt: Date }, tx?: Tx): Promise<Post>;
  /** Newest first, strictly older than `before` (keyset on created_at, id: never OFFSET). */
  pageBefore(roomId: string, before: PostCursor | undefined, limit: number): Promise<Post[]>;
  findInRoom(roomId: string, postId: string): Promise<Post | null>;
  softDelete(postId: string, at: Date, tx?: Tx): Promise<void>;
}

export class PostModel extends Model {
  declare id: string;
  declare roomId: string;
  declare creatorId: string;
  declare message: string;
  declare isDeleted: boolean;
  declare createdAt: Date;
  declare updatedAt: Date;
}

export function definePostModel(sequelize: Sequelize) {
  PostModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      roomId: { type: DataTypes.UUID, allowNull: false },
      creatorId: { type: DataTypes.UUID, allowNull: false },
      message: { type: DataTypes.STRING(5000), allowNull: false },
      isDeleted: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: "posts" },
  );
}

interface PostRow {
  id: string;
  room_id: string;
  kind: PostKind;
  creator_id: string | null;
  author_name: string | null;
  author_username: string | null;
  message: string;
  is_deleted: boolean;
  created_at: Date;
  updated_at: Date;
  meeting_started_at: Date | null;
  meeting_ended_at: Date | null;
  meeting_attendees: string[] | null;
}

const fromRow = (row: PostRow): Post => ({
  id: row.id,
  roomId: row.room_id,
  kind: row.kind,
  creatorId: row.creator_id,
  authorName: row.author_name ?? "",
  authorUsername: row.author_username ?? "",
  message: row.is_deleted ? "" : row.message,
  isDeleted: row.is_deleted,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  meeting: row.meeting_started_at
    ? { startedAt: row.meeting_started_at, endedAt: row.meeting_ended_at, attendees: row.meeting_attendees ?? [] }
    : null,
});

// Meeting entries have no author; their meeting and attendees come in the same query (no N+1).
const SELECT_POSTS = `SELECT p.id, p.room_id, p.kind, p.creator_id, u.name AS author_name, u.username AS author_username,
                             p.message, p.is_deleted, p.created_at, p.updated_at,
                             m.started_at AS meeting_started_at, m.ended_at AS meeting_ended_at, a.names AS meeting_attendees
                        FROM posts p LEFT JOIN users u ON u.id = p.creator_id
                        LEFT JOIN meetings m ON m.id = p.meeting_id
                        LEFT JOIN LATERAL (SELECT array_agg(ma.name ORDER BY ma.first_joined_at, ma.name) AS names
                                             FROM meeting_attendees ma WHERE ma.meeting_id = m.id) a ON m.id IS NOT NULL`;

export function createPostsRepository(sequelize: Sequelize): PostsRepository {
  return {
    async create(post, tx) {
      const row = await PostModel.create(
        { roomId: post.roomId, creatorId: post.creatorId, message: post.message, createdAt: post.createdAt, updatedAt: post.createdAt },
        { transaction: tx },
      );
      const [created] = await sequelize.query<PostRow>(`${SELECT_POSTS} WHERE p.id = :id`, {
        type: QueryTypes.SELECT,
        replacements: { id: row.id },
        transaction: tx,
      });
      return fromRow(created!);
    },

    async pageBefore(roomId, before, limit) {
      const rows = await sequelize.query<PostRow>(
        `${SELECT_POSTS}
          WHERE p.room_id = :roomId
            AND (:beforeAt::timestamptz IS NULL OR (p.created_at, p.id) < (:beforeAt::timestamptz, :beforeId::uuid))
          ORDER BY p.created_at DESC, p.id DESC
          LIMIT :limit`,
        {
          type: QueryTypes.SELECT,
          replacements: { roomId, beforeAt: before?.createdAt ?? null, beforeId: before?.id ?? null, limit },
        },
      );
      return rows.map(fromRow);
    },

    async findInRoom(roomId, postId) {
      const [row] = await sequelize.query<PostRow>(`${SELECT_POSTS} WHERE p.id = :postId AND p.room_id = :roomId`, {
        type: QueryTypes.SELECT,
        replacements: { roomId, postId },
      });
      return row ? fromRow(row) : null;
    },

    async softDelete(postId, at, tx) {
      await PostModel.update({ isDeleted: true, updatedAt: at }, { where: { id: postId }, transaction: tx });
    },
  };
}
