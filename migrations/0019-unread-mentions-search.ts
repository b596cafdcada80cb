import type { Migration } from "../server/db/migrator";

/**
 * The feed people expect from Slack: where each member stopped reading, who a post names, and
 * word search.
 * - `room_participants.last_read_*`: the member's read point in the feed's own keyset order
 *   (created_at, id); null means nothing read yet. Members who already exist start with
 *   everything read, so nobody opens the app to a flood of old "unread" posts.
 * - `room_participants.mention_emailed_at`: when this member was last emailed about a mention in
 *   this room; a conditional update on it keeps that to one email per room per 10 minutes.
 * - `post_mentions`: one row per post and member it names, written with the post, so unread
 *   mentions are counted by index rather than by reading posts.
 * - `users.mention_emails`: the profile setting (email me for mentions, or never).
 * - A trigram index over post text for `?q=` search in a room.
 */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE room_participants
      ADD COLUMN last_read_at timestamptz(3),
      ADD COLUMN last_read_post_id uuid,
      ADD COLUMN mention_emailed_at timestamptz(3);
    UPDATE room_participants rp
       SET last_read_at = latest.created_at, last_read_post_id = latest.id
      FROM (
        SELECT DISTINCT ON (room_id) room_id, created_at, id
          FROM posts
         ORDER BY room_id, created_at DESC, id DESC
      ) latest
     WHERE latest.room_id = rp.room_id;

    CREATE TABLE post_mentions (
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
      created_at timestamptz(3) NOT NULL,
      PRIMARY KEY (post_id, user_id)
    );
    CREATE INDEX post_mentions_user_room_idx ON post_mentions (user_id, room_id, created_at DESC);

    ALTER TABLE users ADD COLUMN mention_emails boolean NOT NULL DEFAULT true;

    CREATE INDEX posts_message_trgm_idx ON posts USING gin (message gin_trgm_ops);
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP INDEX posts_message_trgm_idx;
    ALTER TABLE users DROP COLUMN mention_emails;
    DROP TABLE post_mentions;
    ALTER TABLE room_participants
      DROP COLUMN mention_emailed_at,
      DROP COLUMN last_read_post_id,
      DROP COLUMN last_read_at;
  `);
};
