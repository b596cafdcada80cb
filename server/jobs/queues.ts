import type PgBoss from "pg-boss";
import type { Logger } from "../logger";

/** Where a service leaves work for a background worker; the caller learns nothing of its outcome. */
export interface JobQueue<T extends object> {
  send(data: T): Promise<void>;
}

export type JobOptions = Pick<PgBoss.SendOptions, "retryLimit" | "retryDelay" | "retryBackoff" | "expireInSeconds">;

const DEADLOCK = "40P01";

/**
 * pg-boss (10+) silently drops jobs sent to a queue that does not exist: create it before any send.
 * Instances starting together on a new database race to create it, and PostgreSQL ends all but one
 * with a deadlock; by then another has made the queue, so trying again is a no-op that succeeds.
 */
export async function createQueue(boss: PgBoss, name: string, options: JobOptions) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await boss.createQueue(name, { name, ...options });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt >= 5) throw error;
    }
  }
}

export function createJobQueue<T extends object>(boss: PgBoss, name: string, options: JobOptions): JobQueue<T> {
  return {
    async send(data) {
      const jobId = await boss.send(name, data, options);
      if (!jobId) throw new Error(`the ${name} queue refused a job`);
    },
  };
}

/**
 * One worker taking up to `batchSize` jobs a poll and handling them in the order they were sent.
 * A job that throws is failed on its own (pg-boss retries it later); the rest of the batch completes.
 */
export async function startJobWorker<T extends object>(
  boss: PgBoss,
  name: string,
  handle: (data: T) => Promise<void>,
  options: { batchSize: number; logger: Logger },
): Promise<string> {
  return boss.work<T>(name, { batchSize: options.batchSize, pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) {
      try {
        await handle(job.data);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.logger.warn({ queue: name, jobId: job.id, reason: message }, "job failed, will retry");
        await boss.fail(name, job.id, { message });
      }
    }
  });
}
