import type { Migration } from "../server/db/migrator";

/**
 * Keyset cursors carry (time, id) through JavaScript, whose dates hold milliseconds; PostgreSQL's
 * hold microseconds. Columns that cursors page on keep milliseconds, so a cursor names its row exactly.
 */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE posts ALTER COLUMN created_at TYPE timestamptz(3);
    ALTER TABLE rooms ALTER COLUMN last_activity_at TYPE timestamptz(3);
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE posts ALTER COLUMN created_at TYPE timestamptz;
    ALTER TABLE rooms ALTER COLUMN last_activity_at TYPE timestamptz;
  `);
};
