import type { Migration } from "../server/db/migrator";

/**
 * Meetings in the feed. A meeting is one stretch of a LiveKit room's life with someone in it
 * (from the first join to the room emptying or finishing), kept from LiveKit's webhooks; its
 * attendees are snapshots of the names shown then. Its two feed entries are rows of `posts` with a
 * `kind`, so they page with posts on the same keyset index; the partial unique indexes make each
 * entry exist once (`posts_one_entry_per_meeting`) and a room have one open meeting at a time.
 */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
      room_sid varchar(255) NOT NULL,
      started_at timestamptz(3) NOT NULL,
      ended_at timestamptz(3),
      last_activity_at timestamptz(3) NOT NULL,
      room_finished boolean NOT NULL DEFAULT false,
      CHECK (ended_at IS NULL OR ended_at >= started_at)
    );
    CREATE UNIQUE INDEX meetings_one_open_per_room ON meetings (room_id) WHERE ended_at IS NULL;
    CREATE INDEX meetings_room_sid_idx ON meetings (room_id, room_sid, started_at);

    CREATE TABLE meeting_attendees (
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      identity varchar(255) NOT NULL,
      name varchar(255) NOT NULL,
      first_joined_at timestamptz(3) NOT NULL,
      PRIMARY KEY (meeting_id, identity)
    );

    ALTER TABLE posts
      ADD COLUMN kind varchar(32) NOT NULL DEFAULT 'post',
      ADD COLUMN meeting_id uuid REFERENCES meetings(id) ON DELETE CASCADE,
      ALTER COLUMN creator_id DROP NOT NULL,
      ADD CONSTRAINT posts_kind_check CHECK (kind IN ('post', 'meeting_started', 'meeting_ended')),
      ADD CONSTRAINT posts_kind_shape_check CHECK (
        CASE WHEN kind = 'post' THEN creator_id IS NOT NULL AND meeting_id IS NULL ELSE meeting_id IS NOT NULL END
      );
    CREATE UNIQUE INDEX posts_one_entry_per_meeting ON posts (meeting_id, kind) WHERE meeting_id IS NOT NULL;
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DELETE FROM posts WHERE kind <> 'post';
    DROP INDEX posts_one_entry_per_meeting;
    ALTER TABLE posts
      DROP CONSTRAINT posts_kind_shape_check,
      DROP CONSTRAINT posts_kind_check,
      ALTER COLUMN creator_id SET NOT NULL,
      DROP COLUMN meeting_id,
      DROP COLUMN kind;
    DROP TABLE meeting_attendees;
    DROP TABLE meetings;
  `);
};
