import type { Migration } from "../server/db/migrator";

/**
 * The email outbox (written in the same transaction as what caused a message),
 * the development mailbox, and the counters of the PostgreSQL-backed rate limiter.
 */
export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE email_outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind varchar(40) NOT NULL,
      to_email varchar(255) NOT NULL,
      to_name varchar(100),
      subject varchar(200) NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      status varchar(10) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error varchar(1000),
      provider varchar(20),
      provider_message_id varchar(255),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX email_outbox_unsent_idx ON email_outbox (created_at) WHERE status = 'queued';

    CREATE TABLE dev_mailbox_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      outbox_id uuid UNIQUE,
      from_address varchar(400) NOT NULL,
      to_address varchar(400) NOT NULL,
      subject varchar(200) NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX dev_mailbox_messages_created_at_idx ON dev_mailbox_messages (created_at DESC);

    CREATE TABLE rate_limits (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    );
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`DROP TABLE rate_limits; DROP TABLE dev_mailbox_messages; DROP TABLE email_outbox;`);
};
