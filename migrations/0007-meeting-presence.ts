import type { Migration } from "../server/db/migrator";

/**
 * Who is in a room's meeting now, kept from LiveKit's webhooks: the LiveKit participant sid of
 * the connection that joined (a later `participant_left` for an older connection of the same
 * person must not clear a newer one), and every webhook event id seen, so a retried or replayed
 * event changes nothing the second time.
 */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE room_participants
      ADD COLUMN meeting_sid varchar(255),
      ADD COLUMN in_meeting_since timestamptz(3);
    CREATE INDEX room_participants_in_meeting_idx ON room_participants (room_id) WHERE in_meeting_since IS NOT NULL;

    CREATE TABLE livekit_webhook_events (
      id varchar(255) PRIMARY KEY,
      event varchar(64) NOT NULL,
      room_name varchar(255),
      received_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX livekit_webhook_events_received_at_idx ON livekit_webhook_events (received_at);
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP TABLE livekit_webhook_events;
    DROP INDEX room_participants_in_meeting_idx;
    ALTER TABLE room_participants DROP COLUMN in_meeting_since, DROP COLUMN meeting_sid;
  `);
};
