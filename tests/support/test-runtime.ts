import { newUserData } from "./user-factory";
import type { Sequelize } from "sequelize";
import { loadConfig, type Config } from "../../server/config";
import { createContainer, type Container } from "../../server/container";
import { createSequelize } from "../../server/db/sequelize";
import type { EmailProvider } from "../../server/email/provider";
import type { LiveKitGateway } from "../../server/livekit/gateway";
import type { LiveFeedSettings } from "../../server/realtime/live-feed";
import { RESET_REQUEST_QUEUE } from "../../server/services/password-reset";
import { createLogger, type Logger } from "../../server/logger";
import { createTestClock } from "./test-clock";
import { createTestDatabase } from "./test-cluster";
import { waitFor } from "./wait-for";

export const TEST_APP_URL = "http://parley.test";

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    APP_URL: TEST_APP_URL,
    JWT_SECRET: "test-jwt-secret-0123456789abcdef0123456789",
    SESSION_SECRET: "test-session-secret-0123456789abcdef012345",
    BCRYPT_COST: "10",
    LOG_LEVEL: "silent",
    DATA_DIR: ".data/test",
    ...overrides,
  });
}

export interface TestRuntime {
  config: Config;
  container: Container;
  sequelize: Sequelize;
  clock: ReturnType<typeof createTestClock>;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The real composition root on a fresh database of its own, with a clock the test moves. */
export async function startTestRuntime(
  options: {
    env?: Record<string, string>;
    emailProvider?: EmailProvider;
    logger?: Logger;
    livekit?: LiveKitGateway;
    liveFeed?: Partial<LiveFeedSettings>;
  } = {},
): Promise<TestRuntime> {
  const database = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: database.url, ...options.env });
  const sequelize = createSequelize(database.url);
  const clock = createTestClock(new Date());
  const logger = options.logger ?? createLogger("silent");
  const container = await createContainer({
    config,
    sequelize,
    databaseUrl: database.url,
    logger,
    clock,
    emailProvider: options.emailProvider,
    livekit: options.livekit,
    liveFeed: options.liveFeed,
  });
  return {
    config,
    container,
    sequelize,
    clock,
    databaseUrl: database.url,
    async close() {
      await container.stop();
      await sequelize.close().catch(() => undefined);
      await database.drop();
    },
  };
}

let userSequence = 0;

/**
 * A new account through the real sign-up service, each from its own IP (the rate limits stay out of
 * the way). With `verified`, its address is then proven through the real link the sign-up queued.
 */
export async function signUpTestUser(runtime: TestRuntime, options: { prefix: string; email?: string; name?: string; verified?: boolean }) {
  const n = userSequence++;
  const { user } = await runtime.container.services.auth.signUp(
    newUserData({ prefix: options.prefix, email: options.email, name: options.name }),
    { ip: `198.18.${Math.floor(n / 250) % 250}.${n % 250}` },
  );
  return options.verified ? verifyTestUser(runtime, user) : user;
}

/** The token of the newest address-proving link queued for this address (read from the outbox row). */
export async function latestEmailLinkToken(runtime: TestRuntime, email: string): Promise<string> {
  const [row] = await queryRows(
    runtime,
    "select text_body from email_outbox where to_email = :email and kind in ('email-verify', 'email-change') order by created_at desc limit 1",
    { email },
  );
  const token = /verify-email\?token=([\w-]+)/.exec(String(row?.text_body ?? ""))?.[1];
  if (!token) throw new Error(`no verification link was queued for ${email}`);
  return token;
}

/** Proves the account's address with the real link from its sign-up email; returns the account as now seen. */
export async function verifyTestUser<U extends { id: string; email: string }>(
  runtime: TestRuntime,
  user: U,
): Promise<U & { emailVerified: true }> {
  await runtime.container.services.emailVerification.confirm(await latestEmailLinkToken(runtime, user.email), null, { ip: "198.18.255.1" });
  return { ...user, emailVerified: true };
}

/**
 * Waits until every reset request sent so far has been handled by the worker, which the test
 * starts with `container.startWorkers(["reset-requests"])`.
 */
export async function resetRequestsHandled(runtime: TestRuntime) {
  await waitFor(
    async () => {
      const [row] = await queryRows(
        runtime,
        "select count(*)::int as n from pgboss.job where name = :name and state in ('created', 'retry', 'active')",
        {
          name: RESET_REQUEST_QUEUE,
        },
      );
      return row!.n === 0;
    },
    { timeout: 15_000, message: "reset requests still queued: is the reset-requests worker started?" },
  );
}

/** The newest reset link queued for this address, once the reset requests sent so far are handled. */
export async function latestResetLink(runtime: TestRuntime, email: string): Promise<string> {
  await resetRequestsHandled(runtime);
  const [row] = await queryRows(
    runtime,
    "select text_body from email_outbox where to_email = :email and kind = 'password-reset' order by created_at desc limit 1",
    { email },
  );
  const link = /https?:\/\/\S+\/auth\/reset-password-form\?token=[\w-]+/.exec(String(row?.text_body ?? ""))?.[0];
  if (!link) throw new Error(`no reset link was queued for ${email}`);
  return link;
}

export const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

/** Rows of a raw query on the runtime's database (for assertions the services do not expose). */
export async function queryRows(runtime: TestRuntime, text: string, replacements: Record<string, unknown> = {}) {
  const [rows] = await runtime.sequelize.query(text, { replacements });
  return rows as Array<Record<string, unknown>>;
}
