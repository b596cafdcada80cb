import type { Migration } from "../server/db/migrator";

/** When a post's author last changed its words ("edited" in the feed); null for a post never edited. */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE posts ADD COLUMN edited_at timestamptz;`);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE posts DROP COLUMN edited_at;`);
};
