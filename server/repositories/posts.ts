import { DataTypes, Model, QueryTypes, type Sequelize } from "sequelize";
import type { Tx } from "./transaction";

export interface Post {
  id: string;
  roomId: string;
  creatorId: string;
  authorName: string;
  /** Empty once deleted: a deleted post keeps its place but not its words. */
  message: string;
  isDeleted: boolean;
  createdAt: Date;
  /** When its author last changed its words; null if never. */
  editedAt: Date | null;
  /** Its reactions in the fixed order, as the viewer of a feed page sees them (pages only). */
  reactions?: ReactionCount[];
}

export interface ReactionCount {
  emoji: string;
  count: number;
  /** Whether the viewer is one of them. */
  mine: boolean;
}

export interface PostCursor {
  createdAt: Date;
  id: string;
}

export interface PostsRepository {
  create(post: { roomId: string; creatorId: string; message: string; createdAt: Date }, tx?: Tx): Promise<Post>;
  /**
   * Newest first, strictly older than `before` (keyset on created_at, id: never OFFSET), each with
   * its reactions counted for `viewerId` in the same statement.
   */
  pageBefore(roomId: string, before: PostCursor | undefined, limit: number, viewerId?: string): Promise<Post[]>;
  findInRoom(roomId: string, postId: string): Promise<Post | null>;
  softDelete(postId: string, at: Date, tx?: Tx): Promise<void>;
  /** New words for a post that is not deleted; false when it was deleted meanwhile. */
  updateMessage(postId: string, message: string, at: Date, tx?: Tx): Promise<boolean>;
  /** Adds the person's reaction, or takes it back if it was there; true when it was added. */
  toggleReaction(reaction: { postId: string; userId: string; emoji: string; at: Date }, tx?: Tx): Promise<boolean>;
}

export class PostModel extends Model {
  declare id: string;
  declare roomId: string;
  declare creatorId: string;
  declare message: string;
  declare isDeleted: boolean;
  declare createdAt: Date;
  declare updatedAt: Date;
  declare editedAt: Date | null;
}

export function definePostModel(sequelize: Sequelize) {
  PostModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      roomId: { type: DataTypes.UUID, allowNull: false },
      creatorId: { type: DataTypes.UUID, allowNull: false },
      message: { type: DataTypes.STRING(4000), allowNull: false },
      isDeleted: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      editedAt: { type: DataTypes.DATE, allowNull: true },
    },
    { sequelize, tableName: "posts" },
  );
}

interface PostRow {
  id: string;
  room_id: string;
  creator_id: string;
  author_name: string;
  message: string;
  is_deleted: boolean;
  created_at: Date;
  edited_at: Date | null;
  reactions?: ReactionCount[];
}

const fromRow = (row: PostRow): Post => ({
  id: row.id,
  roomId: row.room_id,
  creatorId: row.creator_id,
  authorName: row.author_name,
  message: row.is_deleted ? "" : row.message,
  isDeleted: row.is_deleted,
  createdAt: row.created_at,
  editedAt: row.edited_at,
  ...(row.reactions ? { reactions: row.is_deleted ? [] : row.reactions } : {}),
});

/** A post's reactions, grouped by emoji: a sub-select of the feed's one query (no query per post). */
const REACTIONS_OF_P = `coalesce((
  SELECT json_agg(json_build_object('emoji', r.emoji, 'count', r.count, 'mine', r.mine))
    FROM (SELECT emoji, count(*)::int AS count, bool_or(user_id = :viewerId::uuid) AS mine
            FROM post_reactions WHERE post_id = p.id GROUP BY emoji) r), '[]'::json) AS reactions`;

const POST_COLUMNS = "p.id, p.room_id, p.creator_id, u.name AS author_name, p.message, p.is_deleted, p.created_at, p.edited_at";
const FROM_POSTS = "FROM posts p JOIN users u ON u.id = p.creator_id";
const SELECT_POSTS = `SELECT ${POST_COLUMNS} ${FROM_POSTS}`;

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

    async pageBefore(roomId, before, limit, viewerId) {
      const rows = await sequelize.query<PostRow>(
        `SELECT ${POST_COLUMNS}, ${REACTIONS_OF_P} ${FROM_POSTS}
          WHERE p.room_id = :roomId
            AND (:beforeAt::timestamptz IS NULL OR (p.created_at, p.id) < (:beforeAt::timestamptz, :beforeId::uuid))
          ORDER BY p.created_at DESC, p.id DESC
          LIMIT :limit`,
        {
          type: QueryTypes.SELECT,
          replacements: {
            roomId,
            beforeAt: before?.createdAt ?? null,
            beforeId: before?.id ?? null,
            limit,
            viewerId: viewerId ?? null,
          },
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

    async updateMessage(postId, message, at, tx) {
      const [count] = await PostModel.update(
        { message, editedAt: at, updatedAt: at },
        { where: { id: postId, isDeleted: false }, transaction: tx },
      );
      return count > 0;
    },

    async toggleReaction({ postId, userId, emoji, at }, tx) {
      const removed = await sequelize.query(
        "DELETE FROM post_reactions WHERE post_id = :postId AND user_id = :userId AND emoji = :emoji RETURNING emoji",
        { replacements: { postId, userId, emoji }, transaction: tx, type: QueryTypes.SELECT },
      );
      if (removed.length) return false;
      await sequelize.query(
        "INSERT INTO post_reactions (post_id, user_id, emoji, created_at) VALUES (:postId, :userId, :emoji, :at) ON CONFLICT DO NOTHING",
        { replacements: { postId, userId, emoji, at }, transaction: tx },
      );
      return true;
    },
  };
}
