import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOutboxMessage, type DeliveryDeps } from "../../server/email/delivery-worker";
import { SendGridProvider } from "../../server/email/sendgrid-provider";
import { createEmailOutboxRepository } from "../../server/repositories/email-outbox";
import { createLogger } from "../../server/logger";
import { startFakeEmailApi } from "../support/fake-email-api";
import { recordingLiveKit } from "../support/fake-livekit";
import { queryRows, resetRequestsHandled, signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";

let api: Awaited<ReturnType<typeof startFakeEmailApi>>;
let runtime: TestRuntime;
let deps: DeliveryDeps;

beforeAll(async () => {
  api = await startFakeEmailApi();
  runtime = await startTestRuntime({ livekit: recordingLiveKit() });
  await runtime.container.startWorkers(["reset-requests"]);
  deps = {
    repository: createEmailOutboxRepository(),
    provider: new SendGridProvider({ apiKey: "SG.integration", apiUrl: api.url }),
    from: { email: "no-reply@parley.test", name: "Parley" },
    clock: runtime.clock,
    logger: createLogger("silent"),
  };
});
afterAll(async () => {
  await runtime?.close();
  await api?.close();
});

const sql = (text: string, replacements: Record<string, unknown> = {}) => queryRows(runtime, text, replacements);

/** Every column of every outbox row to this address, as one text per row. */
const outboxRowsAsText = async (email: string) =>
  (await sql("select row_to_json(o)::text as row from email_outbox o where to_email = :email", { email })).map((r) => String(r.row));

/** The queued message's id and the link in it (read before delivery, as the worker would). */
async function queuedLink(email: string, kind: string) {
  await resetRequestsHandled(runtime);
  const [row] = await sql("select id, text_body from email_outbox where to_email = :email and kind = :kind", { email, kind });
  const link = /https?:\/\/\S+token=[\w-]+/.exec(String(row!.text_body))![0];
  return { id: String(row!.id), link, token: new URL(link).searchParams.get("token")! };
}

const sentBodies = () => JSON.stringify(api.requests.map((r) => r.body));

describe("links in the outbox after delivery", () => {
  it("keeps no invite or reset link or token in any outbox column once sent, and the provider got the link", async () => {
    const owner = await signUpTestUser(runtime, { prefix: "sec" });
    const room = await runtime.container.services.rooms.create(owner, { name: "Secrets", description: null });
    const invitee = `invitee.${Date.now().toString(36)}@example.test`;
    await runtime.container.services.participants.add(owner, room.id, { rows: [{ email: invitee, name: "Invitee" }] }, { ip: "127.0.0.1" });
    await runtime.container.services.passwordReset.requestReset(owner.email, { ip: "192.0.2.77" });

    for (const [email, kind] of [
      [invitee, "room-invite"],
      [owner.email, "password-reset"],
    ] as const) {
      const { id, link, token } = await queuedLink(email, kind);
      await deliverOutboxMessage(id, deps);
      expect(sentBodies()).toContain(link);
      const rows = await outboxRowsAsText(email);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row).not.toContain(token);
        expect(row).not.toContain(link);
      }
      const [kept] = await sql("select status, subject, to_email, sent_at from email_outbox where id = :id", { id });
      expect(kept).toMatchObject({ status: "sent", to_email: email });
      expect(String(kept!.subject)).not.toBe("");
      expect(kept!.sent_at).toBeTruthy();
    }
  });

  it("keeps no link in a message that failed for good either, but keeps what operations need", async () => {
    const owner = await signUpTestUser(runtime, { prefix: "fail" });
    await runtime.container.services.passwordReset.requestReset(owner.email, { ip: "192.0.2.78" });
    const { id, token } = await queuedLink(owner.email, "password-reset");
    api.failNext(1, 400);
    await deliverOutboxMessage(id, deps);
    for (const row of await outboxRowsAsText(owner.email)) expect(row).not.toContain(token);
    const [kept] = await sql("select status, subject, to_email, attempts, last_error from email_outbox where id = :id", { id });
    expect(kept).toMatchObject({ status: "failed", subject: "Reset your Parley password", to_email: owner.email, attempts: 1 });
    expect(String(kept!.last_error)).toMatch(/400|fake failure/);
  });

  it("keeps the link while a message still waits for a retry, so the retry can send it", async () => {
    const owner = await signUpTestUser(runtime, { prefix: "retry" });
    await runtime.container.services.passwordReset.requestReset(owner.email, { ip: "192.0.2.79" });
    const { id, link } = await queuedLink(owner.email, "password-reset");
    api.failNext(1, 503);
    await expect(deliverOutboxMessage(id, deps)).rejects.toThrow(/503/);
    await deliverOutboxMessage(id, deps);
    expect(api.requests.filter((r) => JSON.stringify(r.body).includes(link)).length).toBe(2);
  });
});
