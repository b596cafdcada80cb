import type { Migration } from "../server/db/migrator";

/**
 * The customer's limits (original spec §4.2): usernames up to 50 characters, posts up to 5,000.
 * Widening a varchar is a catalogue change in PostgreSQL (no table rewrite).
 */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE users ALTER COLUMN username TYPE varchar(50);`);
  await sql.query(`ALTER TABLE posts ALTER COLUMN message TYPE varchar(5000);`);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE posts ALTER COLUMN message TYPE varchar(4000) USING left(message, 4000);`);
  await sql.query(`ALTER TABLE users ALTER COLUMN username TYPE varchar(30) USING left(username, 30);`);
};
