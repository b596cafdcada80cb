import type PgBoss from "pg-boss";
import { createQueue } from "../jobs/queues";
import type { EmailOutboxRepository } from "../repositories/email-outbox";
import type { Tx } from "../repositories/transaction";

export const DELIVERY_QUEUE = "email-delivery";

/** Attempts before a message is marked failed; pg-boss spaces them with exponential back-off. */
export const MAX_DELIVERY_ATTEMPTS = 8;

export const DELIVERY_JOB_OPTIONS = {
  retryLimit: MAX_DELIVERY_ATTEMPTS + 2,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 120,
} as const;

export const createDeliveryQueue = (boss: PgBoss) => createQueue(boss, DELIVERY_QUEUE, DELIVERY_JOB_OPTIONS);

export interface OutgoingEmail {
  kind: string;
  to: { email: string; name?: string };
  subject: string;
  text: string;
  html: string;
}

/** Where services put email: written in the caller's transaction, delivered later by the worker. */
export interface EmailOutbox {
  enqueue(message: OutgoingEmail, tx: Tx): Promise<string>;
}

/** The pg client under a Sequelize transaction, so the job row commits or rolls back with it. */
function transactionDb(tx: Tx): PgBoss.Db {
  const connection = (tx as unknown as { connection: { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } }).connection;
  return { executeSql: (text, values) => connection.query(text, values) as Promise<{ rows: never[] }> };
}

export function createEmailOutbox(deps: { repository: EmailOutboxRepository; boss: PgBoss }): EmailOutbox {
  return {
    async enqueue(message, tx) {
      const id = await deps.repository.insert(
        {
          kind: message.kind,
          toEmail: message.to.email,
          toName: message.to.name ?? null,
          subject: message.subject,
          textBody: message.text,
          htmlBody: message.html,
        },
        tx,
      );
      const jobId = await deps.boss.send(DELIVERY_QUEUE, { outboxId: id }, { ...DELIVERY_JOB_OPTIONS, db: transactionDb(tx) });
      if (!jobId) throw new Error(`the ${DELIVERY_QUEUE} queue refused the job for outbox message ${id}`);
      return id;
    },
  };
}
