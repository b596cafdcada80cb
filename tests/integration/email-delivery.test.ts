import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOutboxMessage } from "../../server/email/delivery-worker";
import { createEmailOutboxRepository } from "../../server/repositories/email-outbox";
import { createLogger } from "../../server/logger";
import { SendGridProvider } from "../../server/email/sendgrid-provider";
import { startFakeEmailApi } from "../support/fake-email-api";
import { signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";
import { waitFor } from "../support/wait-for";

let api: Awaited<ReturnType<typeof startFakeEmailApi>>;
let runtime: TestRuntime;

beforeAll(async () => {
  api = await startFakeEmailApi();
  runtime = await startTestRuntime({
    env: { EMAIL_PROVIDER: "sendgrid", SENDGRID_API_KEY: "SG.integration", SENDGRID_API_URL: api.url },
  });
});
afterAll(async () => {
  await runtime?.close();
  await api?.close();
});

async function outboxRows(email: string) {
  const [rows] = await runtime.sequelize.query(
    "select id, status, attempts, last_error from email_outbox where to_email = :email order by created_at",
    { replacements: { email } },
  );
  return rows as Array<{ id: string; status: string; attempts: number; last_error: string | null }>;
}

describe("the outbox worker with SendGrid", () => {
  it("delivers a reset email exactly once through the real SDK", async () => {
    await runtime.container.startWorkers();
    const { email } = await signUpTestUser(runtime, { prefix: "outbox" });
    await runtime.container.services.passwordReset.requestReset(email, { ip: "192.0.2.50" });
    // The sign-up's verification email goes first; this test follows the reset email.
    await waitFor(
      async () => {
        const rows = await outboxRows(email);
        return rows.length === 2 && rows.every((row) => row.status === "sent");
      },
      { timeout: 15_000, message: "both emails were not sent" },
    );
    const sent = api.requests.filter((r) => JSON.stringify(r.body).includes(email)).map((r) => (r.body as { subject: string }).subject);
    expect(sent.sort()).toEqual(["Confirm your Parley email address", "Reset your Parley password"]);
  });

  it("keeps a message queued while the provider fails, and sends it once when it recovers", async () => {
    const repository = createEmailOutboxRepository();
    const [{ id }] = await runtime.sequelize.transaction(async (tx) => [
      {
        id: await repository.insert(
          { kind: "test", toEmail: "retry@example.test", toName: null, subject: "Hi", textBody: "t", htmlBody: "<p>h</p>" },
          tx,
        ),
      },
    ]);
    const deps = {
      repository,
      provider: new SendGridProvider({ apiKey: "SG.integration", apiUrl: api.url }),
      from: { email: "no-reply@parley.test", name: "Parley" },
      clock: runtime.clock,
      logger: createLogger("silent"),
    };
    api.failNext(2, 503);
    await expect(deliverOutboxMessage(id, deps)).rejects.toThrow(/503/);
    await expect(deliverOutboxMessage(id, deps)).rejects.toThrow(/503/);
    expect((await outboxRows("retry@example.test"))[0]).toMatchObject({ status: "queued", attempts: 2 });
    await deliverOutboxMessage(id, deps);
    await deliverOutboxMessage(id, deps); // a duplicate job: nothing more is sent
    expect((await outboxRows("retry@example.test"))[0]).toMatchObject({ status: "sent", attempts: 3, last_error: null });
    expect(api.requests.filter((r) => JSON.stringify(r.body).includes("retry@example.test"))).toHaveLength(3);
  });
});
