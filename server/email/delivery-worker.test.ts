import { describe, expect, it } from "vitest";
import type { EmailOutboxRepository, OutboxMessage } from "../repositories/email-outbox";
import { silentLogger } from "../../tests/support/in-memory";
import { createTestClock } from "../../tests/support/test-clock";
import { deliverOutboxMessage } from "./delivery-worker";
import { MAX_DELIVERY_ATTEMPTS } from "./outbox";
import { PermanentEmailError, type EmailMessage, type EmailProvider } from "./provider";

function outboxWith(message: Partial<OutboxMessage> = {}) {
  const row: OutboxMessage = {
    id: "m1",
    kind: "test",
    toEmail: "to@example.test",
    toName: "To",
    subject: "Hi",
    textBody: "text",
    htmlBody: "<p>html</p>",
    status: "queued",
    attempts: 0,
    lastError: null,
    provider: null,
    providerMessageId: null,
    createdAt: new Date(),
    sentAt: null,
    ...message,
  };
  const repository: EmailOutboxRepository = {
    insert: async () => row.id,
    findById: async (id) => (id === row.id ? { ...row } : null),
    recordAttempt: async () => ++row.attempts,
    markSent: async (_id, at, provider, providerMessageId) =>
      void Object.assign(row, { status: "sent", sentAt: at, provider, providerMessageId, lastError: null }),
    recordError: async (_id, _at, error) => void (row.lastError = error),
    markFailed: async (_id, _at, error) => void Object.assign(row, { status: "failed", lastError: error }),
    listQueuedBefore: async () => [],
  };
  return { row, repository };
}

function provider(behaviour: Array<"ok" | "fail" | "permanent">) {
  const sent: EmailMessage[] = [];
  const instance: EmailProvider = {
    name: "sendgrid",
    async send(message) {
      const next = behaviour.shift() ?? "ok";
      if (next === "fail") throw new Error("503 from provider");
      if (next === "permanent") throw new PermanentEmailError("400 from provider", 400);
      sent.push(message);
      return { messageId: `id-${sent.length}` };
    },
  };
  return { sent, instance };
}

const deps = (repository: EmailOutboxRepository, instance: EmailProvider) => ({
  repository,
  provider: instance,
  from: { email: "no-reply@parley.test", name: "Parley" },
  clock: createTestClock(),
  logger: silentLogger,
});

describe("delivering an outbox message", () => {
  it("sends it once and marks it sent with the provider's id", async () => {
    const { row, repository } = outboxWith();
    const { sent, instance } = provider(["ok"]);
    await deliverOutboxMessage(row.id, deps(repository, instance));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: { email: "to@example.test", name: "To" }, subject: "Hi", text: "text", html: "<p>html</p>" });
    expect(row).toMatchObject({ status: "sent", provider: "sendgrid", providerMessageId: "id-1" });
  });

  it("does not send a message that was already sent", async () => {
    const { row, repository } = outboxWith({ status: "sent" });
    const { sent, instance } = provider(["ok"]);
    await deliverOutboxMessage(row.id, deps(repository, instance));
    expect(sent).toHaveLength(0);
  });

  it("records a transient failure and throws, so the queue retries later", async () => {
    const { row, repository } = outboxWith();
    const { instance } = provider(["fail"]);
    await expect(deliverOutboxMessage(row.id, deps(repository, instance))).rejects.toThrow("503");
    expect(row).toMatchObject({ status: "queued", attempts: 1, lastError: "503 from provider" });
  });

  it(`gives up after ${MAX_DELIVERY_ATTEMPTS} attempts: marked failed, no more retries`, async () => {
    const { row, repository } = outboxWith({ attempts: MAX_DELIVERY_ATTEMPTS - 1 });
    const { instance } = provider(["fail"]);
    await expect(deliverOutboxMessage(row.id, deps(repository, instance))).resolves.toBeUndefined();
    expect(row).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
  });

  it("marks a permanent refusal failed at once", async () => {
    const { row, repository } = outboxWith();
    const { instance } = provider(["permanent"]);
    await expect(deliverOutboxMessage(row.id, deps(repository, instance))).resolves.toBeUndefined();
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastError: "400 from provider" });
  });
});
