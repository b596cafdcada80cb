import { DataTypes, Model, QueryTypes, type Sequelize } from "sequelize";
import { preparedQuery } from "../db/prepared-statement";
import type { Mention } from "./mentions";
import { likePattern } from "./like-pattern";
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
  /** When its author last changed its words; null if never. */
  editedAt: Date | null;
  /** Its reactions in the fixed order, as the viewer of a feed page sees them (pages only). */
  reactions?: ReactionCount[];
  /** The room's members it names (see server/schemas/mentions), by username. */
  mentions: Mention[];
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
  /** The feed page that ends with this post (it and older ones, newest first); empty if it is not in the room. */
  pageThrough(roomId: string, postId: string, limit: number, viewerId?: string): Promise<Post[]>;
  /**
   * Posts (not deleted) containing every one of `words` (at most SEARCH_MAX_WORDS; case-insensitive,
   * `%`, `_` and `\` literal), newest first, strictly older than `before`.
   */
  search(roomId: string, words: string[], before: PostCursor | undefined, limit: number): Promise<Post[]>;
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
      message: { type: DataTypes.STRING(5000), allowNull: false },
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
  edited_at: Date | null;
  reactions?: ReactionCount[];
  mentions: Mention[];
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
  editedAt: row.edited_at,
  meeting: row.meeting_started_at
    ? { startedAt: row.meeting_started_at, endedAt: row.meeting_ended_at, attendees: row.meeting_attendees ?? [] }
    : null,
  ...(row.reactions ? { reactions: row.is_deleted ? [] : row.reactions } : {}),
  mentions: row.is_deleted ? [] : row.mentions,
});

/** A post's reactions, grouped by emoji, as viewer $1 sees them: a sub-select of a feed page's one query (no query per post). */
const REACTIONS_OF_P = `coalesce((
  SELECT json_agg(json_build_object('emoji', r.emoji, 'count', r.count, 'mine', r.mine))
    FROM (SELECT emoji, count(*)::int AS count, bool_or(user_id = $1::uuid) AS mine
            FROM post_reactions WHERE post_id = p.id GROUP BY emoji) r), '[]'::json) AS reactions`;

// The last column is who a post names, by username: a sub-select, so the feed's one query carries them.
const POST_COLUMNS = `p.id, p.room_id, p.kind, p.creator_id, u.name AS author_name, u.username AS author_username,
                      p.message, p.is_deleted, p.created_at, p.updated_at, p.edited_at,
                      m.started_at AS meeting_started_at, m.ended_at AS meeting_ended_at, a.names AS meeting_attendees,
                      coalesce((SELECT json_agg(json_build_object('userId', mu.id, 'username', mu.username) ORDER BY mu.username)
                                  FROM post_mentions pm JOIN users mu ON mu.id = pm.user_id WHERE pm.post_id = p.id), '[]'::json) AS mentions`;
// Meeting entries have no author; their meeting and attendees come in the same query (no N+1).
const FROM_POSTS = `FROM posts p LEFT JOIN users u ON u.id = p.creator_id
                    LEFT JOIN meetings m ON m.id = p.meeting_id
                    LEFT JOIN LATERAL (SELECT array_agg(ma.name ORDER BY ma.first_joined_at, ma.name) AS names
                                         FROM meeting_attendees ma WHERE ma.meeting_id = m.id) a ON m.id IS NOT NULL`;

/*
 * A feed page of room $2 for viewer $1, newest first, in the keyset order (created_at, id): prepared
 * statements, planned once per connection. The newest page and an older one are two texts, so each
 * plan keeps its keyset bound as an index condition (a NULL-able cursor would leave a generic plan
 * filtering its way down from the newest post).
 */
const FEED_PAGE = `SELECT ${POST_COLUMNS}, ${REACTIONS_OF_P} ${FROM_POSTS}`;
const NEWEST_PAGE = `${FEED_PAGE}
 WHERE p.room_id = $2
 ORDER BY p.created_at DESC, p.id DESC
 LIMIT $3`;
/** Strictly older than the post ($3, $4). */
const PAGE_BEFORE = `${FEED_PAGE}
 WHERE p.room_id = $2 AND (p.created_at, p.id) < ($3::timestamptz, $4::uuid)
 ORDER BY p.created_at DESC, p.id DESC
 LIMIT $5`;
/** Ending with post $3 (it and older ones); none when it is not in the room. */
const PAGE_THROUGH = `${FEED_PAGE}
 WHERE p.room_id = $2 AND (p.created_at, p.id) <= ((SELECT t.created_at FROM posts t WHERE t.id = $3 AND t.room_id = $2), $3::uuid)
 ORDER BY p.created_at DESC, p.id DESC
 LIMIT $4`;

/*
 * One ILIKE per word, each one the trigram index (posts_message_trgm_idx) can serve; a word left
 * out is a NULL that the planner folds away, so the statement stays plain text (no SQL is built).
 */
const WORDS_MATCH = `(:w0::text IS NULL OR p.message ILIKE :w0) AND (:w1::text IS NULL OR p.message ILIKE :w1)
                 AND (:w2::text IS NULL OR p.message ILIKE :w2) AND (:w3::text IS NULL OR p.message ILIKE :w3)
                 AND (:w4::text IS NULL OR p.message ILIKE :w4) AND (:w5::text IS NULL OR p.message ILIKE :w5)`;
const WORD_SLOTS = 6;

const wordReplacements = (words: string[]) => {
  if (words.length < 1 || words.length > WORD_SLOTS) throw new RangeError(`Search for 1 to ${WORD_SLOTS} words`);
  return Object.fromEntries(Array.from({ length: WORD_SLOTS }, (_, i) => [`w${i}`, i < words.length ? likePattern(words[i]!) : null]));
};

export function createPostsRepository(sequelize: Sequelize): PostsRepository {
  return {
    async create(post, tx) {
      const row = await PostModel.create(
        { roomId: post.roomId, creatorId: post.creatorId, message: post.message, createdAt: post.createdAt, updatedAt: post.createdAt },
        { transaction: tx },
      );
      const [created] = await sequelize.query<PostRow>(`SELECT ${POST_COLUMNS} ${FROM_POSTS} WHERE p.id = :id`, {
        type: QueryTypes.SELECT,
        replacements: { id: row.id },
        transaction: tx,
      });
      return fromRow(created!);
    },

    async pageBefore(roomId, before, limit, viewerId) {
      const rows = await preparedQuery<PostRow>(
        sequelize,
        before
          ? { name: "posts_page_before", text: PAGE_BEFORE, values: [viewerId ?? null, roomId, before.createdAt, before.id, limit] }
          : { name: "posts_newest_page", text: NEWEST_PAGE, values: [viewerId ?? null, roomId, limit] },
      );
      return rows.map(fromRow);
    },

    async findInRoom(roomId, postId) {
      const [row] = await sequelize.query<PostRow>(`SELECT ${POST_COLUMNS} ${FROM_POSTS} WHERE p.id = :postId AND p.room_id = :roomId`, {
        type: QueryTypes.SELECT,
        replacements: { roomId, postId },
      });
      return row ? fromRow(row) : null;
    },

    async pageThrough(roomId, postId, limit, viewerId) {
      const rows = await preparedQuery<PostRow>(sequelize, {
        name: "posts_page_through",
        text: PAGE_THROUGH,
        values: [viewerId ?? null, roomId, postId, limit],
      });
      return rows.map(fromRow);
    },

    async search(roomId, words, before, limit) {
      const rows = await sequelize.query<PostRow>(
        `SELECT ${POST_COLUMNS} ${FROM_POSTS}
          WHERE p.room_id = :roomId AND NOT p.is_deleted AND ${WORDS_MATCH}
            AND (:beforeAt::timestamptz IS NULL OR (p.created_at, p.id) < (:beforeAt::timestamptz, :beforeId::uuid))
          ORDER BY p.created_at DESC, p.id DESC
          LIMIT :limit`,
        {
          type: QueryTypes.SELECT,
          replacements: {
            roomId,
            ...wordReplacements(words),
            beforeAt: before?.createdAt ?? null,
            beforeId: before?.id ?? null,
            limit,
          },
        },
      );
      return rows.map(fromRow);
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
