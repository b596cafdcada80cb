import type { Migration } from "../server/db/migrator";

/** The customer's rooms, participants, posts and invites; invite tokens stored as SHA-256 hashes only. */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE rooms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_name varchar(100) NOT NULL,
      description varchar(1000),
      owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      livekit_room_name varchar(255),
      room_sid varchar(255),
      metadata jsonb,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX rooms_owner_id_idx ON rooms (owner_id);
    CREATE INDEX rooms_room_sid_idx ON rooms (room_sid);

    CREATE TABLE room_participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      email varchar(255) NOT NULL CHECK (email = lower(email)),
      name varchar(100) NOT NULL,
      livekit_identity varchar(255),
      role varchar(20) NOT NULL DEFAULT 'participant' CHECK (role IN ('owner', 'moderator', 'participant')),
      joined_at timestamptz,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (room_id, email)
    );
    CREATE INDEX room_participants_user_id_idx ON room_participants (user_id, room_id);
    CREATE INDEX room_participants_email_idx ON room_participants (email);

    CREATE TABLE posts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
      creator_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      message varchar(4000) NOT NULL,
      is_deleted boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- The feed pages backwards by (created_at, id): one index serves every page.
    CREATE INDEX posts_room_feed_idx ON posts (room_id, created_at DESC, id DESC);
    CREATE INDEX posts_creator_id_idx ON posts (creator_id);

    CREATE TABLE invites (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
      inviter_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      participant_id uuid REFERENCES room_participants(id) ON DELETE CASCADE,
      invitee_email varchar(255) NOT NULL CHECK (invitee_email = lower(invitee_email)),
      invitee_name varchar(100),
      token_hash char(64) NOT NULL UNIQUE,
      status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'expired', 'revoked')),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX invites_room_id_idx ON invites (room_id);
    CREATE INDEX invites_invitee_email_idx ON invites (invitee_email, created_at DESC);
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`DROP TABLE invites; DROP TABLE posts; DROP TABLE room_participants; DROP TABLE rooms;`);
};
