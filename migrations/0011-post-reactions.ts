import type { Migration } from "../server/db/migrator";

/** Reactions: one row per person, post and emoji (the key makes "one of each per person" a fact). */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE post_reactions (
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      emoji varchar(16) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (post_id, emoji, user_id)
    );
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`DROP TABLE post_reactions;`);
};
