import type { Migration } from "../server/db/migrator";

/** Users, their revocable sessions and password reset tokens (stored as SHA-256 hashes only). */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username varchar(30) NOT NULL,
      email varchar(255) NOT NULL CHECK (email = lower(email)),
      password_hash varchar(255) NOT NULL,
      name varchar(100) NOT NULL,
      email_verified_at timestamptz,
      last_login timestamptz,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));
    CREATE UNIQUE INDEX users_username_key ON users (lower(username));

    CREATE TABLE sessions (
      id varchar(64) PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      user_agent varchar(512),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX sessions_user_id_idx ON sessions (user_id) WHERE revoked_at IS NULL;

    CREATE TABLE password_reset_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash char(64) NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX password_reset_tokens_user_id_idx ON password_reset_tokens (user_id);
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`DROP TABLE password_reset_tokens; DROP TABLE sessions; DROP TABLE users;`);
};
