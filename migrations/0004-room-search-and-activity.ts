import type { Migration } from "../server/db/migrator";

/**
 * What the rooms list and the feed need: a trigram index so `ILIKE '%…%'` on a room's name and
 * description stays fast, the time of a room's last activity (list order), and the link from an
 * invite to its email in the outbox (delivery state on the member list).
 */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    ALTER TABLE rooms ADD COLUMN last_activity_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX rooms_search_idx ON rooms USING gin ((room_name || ' ' || coalesce(description, '')) gin_trgm_ops);
    ALTER TABLE invites ADD COLUMN outbox_id uuid REFERENCES email_outbox(id) ON DELETE SET NULL;
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE invites DROP COLUMN outbox_id;
    DROP INDEX rooms_search_idx;
    ALTER TABLE rooms DROP COLUMN last_activity_at;
  `);
};
