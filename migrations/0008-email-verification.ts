import type { Migration } from "../server/db/migrator";

/**
 * Proven email addresses. `email_verification_tokens` holds the links that prove an address: the
 * account's own (`verify`, sent at sign-up) or a new one it asked to move to (`change`), stored as
 * SHA-256 only, like the reset tokens.
 *
 * Backfill: until now nothing proved an address except a completed password reset (and a profile
 * password change wrongly marked it too), so every account starts unverified, except those whose
 * address a spent reset link proves, verified at the time it was spent. A reset row's `used_at` is
 * also set when a newer request voids it (to the newer row's `created_at`); those rows prove nothing.
 * Accepted invitations prove nothing either: the invites table does not record whether one was
 * accepted through its emailed link or, unproven, from "My invites".
 */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE email_verification_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      email varchar(255) NOT NULL CHECK (email = lower(email)),
      purpose varchar(16) NOT NULL CHECK (purpose IN ('verify', 'change')),
      token_hash char(64) NOT NULL UNIQUE,
      expires_at timestamptz(3) NOT NULL,
      used_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now()
    );
    CREATE INDEX email_verification_tokens_user_idx ON email_verification_tokens (user_id, purpose) WHERE used_at IS NULL;

    UPDATE users SET email_verified_at = NULL;
    UPDATE users u SET email_verified_at = proof.spent_at
      FROM (
        SELECT t.user_id, min(t.used_at) AS spent_at
          FROM password_reset_tokens t
         WHERE t.used_at IS NOT NULL
           AND NOT EXISTS (
             SELECT 1 FROM password_reset_tokens newer
              WHERE newer.user_id = t.user_id AND newer.id <> t.id AND newer.created_at = t.used_at
           )
         GROUP BY t.user_id
      ) proof
     WHERE proof.user_id = u.id;
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`DROP TABLE email_verification_tokens;`);
};
