import type PgBoss from "pg-boss";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { EmailOutboxRepository } from "../repositories/email-outbox";
import { DELIVERY_QUEUE, MAX_DELIVERY_ATTEMPTS } from "./outbox";
import { PermanentEmailError, type EmailProvider } from "./provider";

export interface DeliveryDeps {
  repository: EmailOutboxRepository;
  provider: EmailProvider;
  from: { email: string; name: string };
  clock: Clock;
  logger: Logger;
}

/**
 * Delivers one outbox message. Returns normally when the job is done (sent, already sent, or given
 * up as failed); throws to have pg-boss retry it later with back-off.
 */
export async function deliverOutboxMessage(outboxId: string, deps: DeliveryDeps): Promise<void> {
  const { repository, provider, clock, logger } = deps;
  const message = await repository.findById(outboxId);
  if (!message || message.status !== "queued") return;

  const attempt = await repository.recordAttempt(outboxId, clock.now());
  try {
    const result = await provider.send({
      to: { email: message.toEmail, name: message.toName ?? undefined },
      from: deps.from,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
    });
    await repository.markSent(outboxId, clock.now(), provider.name, result.messageId);
    logger.info({ outboxId, kind: message.kind, provider: provider.name, attempt }, "email sent");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof PermanentEmailError || attempt >= MAX_DELIVERY_ATTEMPTS) {
      await repository.markFailed(outboxId, clock.now(), reason);
      logger.error({ outboxId, kind: message.kind, attempt, reason }, "email failed for good");
      return;
    }
    await repository.recordError(outboxId, clock.now(), reason);
    logger.warn({ outboxId, kind: message.kind, attempt, reason }, "email not sent yet, will retry");
    throw error;
  }
}

/**
 * Workers per instance. A pg-boss worker takes one job, then waits out its polling interval (1 s)
 * even when more are queued, so one worker sends at most an email a second: a batch of 50
 * invitations took 50 s. Each worker still takes its jobs one at a time (SKIP LOCKED), so every
 * email keeps its own retries and goes out once.
 */
export const DELIVERY_WORKERS = 5;

export async function startDeliveryWorker(boss: PgBoss, deps: DeliveryDeps): Promise<string[]> {
  return Promise.all(
    Array.from({ length: DELIVERY_WORKERS }, () =>
      boss.work<{ outboxId: string }>(DELIVERY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        if (job) await deliverOutboxMessage(job.data.outboxId, deps);
      }),
    ),
  );
}
