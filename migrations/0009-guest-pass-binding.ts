import type { Migration } from "../server/db/migrator";

/**
 * The guest pass an invite link issued last. A pass is honoured only while it is the one recorded
 * on its still-pending invitation, so a resend (which revokes the invitation), the person's removal
 * or a newer visit with the same link ends it. Passes issued before this migration carry no id and
 * are refused: the guest opens their link again.
 */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE invites ADD COLUMN guest_pass_id uuid;`);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE invites DROP COLUMN guest_pass_id;`);
};
