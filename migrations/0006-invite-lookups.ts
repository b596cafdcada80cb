import type { Migration } from "../server/db/migrator";

/** The member list reads each participant's latest invitation. */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`CREATE INDEX invites_participant_idx ON invites (participant_id, created_at DESC);`);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`DROP INDEX invites_participant_idx;`);
};
