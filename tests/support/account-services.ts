import { newUserData, type NewUser } from "./user-factory";
import { createAuthService } from "../../server/services/auth";
import { createEmailVerificationService } from "../../server/services/email-verification";
import { createPasswordResetService, createResetLinkSender, type ResetRequest } from "../../server/services/password-reset";
import { createBcryptHasher } from "../../server/services/passwords";
import { createProfileService } from "../../server/services/profile";
import { createRateLimiter } from "../../server/services/rate-limits";
import { createSessionService } from "../../server/services/sessions";
import {
  drainableJobQueue,
  immediateTransaction,
  inMemoryEmailTokens,
  inMemoryRateCounters,
  inMemoryResetTokens,
  inMemorySessions,
  inMemoryUsers,
  recordingOutbox,
  silentLogger,
} from "./in-memory";
import { createTestClock } from "./test-clock";

export const APP_URL = "http://parley.test";

/** The account services wired to in-memory fakes and a test clock (bcrypt at cost 4: speed, not strength). */
export function accountServices(settings: { idleHours?: number; maxAgeDays?: number } = {}) {
  const clock = createTestClock();
  const users = inMemoryUsers(clock);
  const sessionRows = inMemorySessions(users);
  const tokens = inMemoryResetTokens();
  const emailTokens = inMemoryEmailTokens();
  const outbox = recordingOutbox();
  const passwords = createBcryptHasher(4);
  const rateLimiter = createRateLimiter(inMemoryRateCounters(clock));
  const transaction = immediateTransaction;
  const logger = silentLogger;
  const sessions = createSessionService({
    sessions: sessionRows,
    clock,
    settings: {
      secret: "unit-test-secret-0123456789abcdef0123456789",
      issuer: APP_URL,
      idleHours: settings.idleHours ?? 12,
      maxAgeDays: settings.maxAgeDays ?? 30,
    },
  });
  const emailVerification = createEmailVerificationService({
    users,
    tokens: emailTokens,
    sessions,
    outbox,
    rateLimiter,
    transaction,
    clock,
    logger,
    appUrl: APP_URL,
  });
  const auth = createAuthService({ users, sessions, passwords, rateLimiter, emailVerification, transaction, clock, logger });
  const resetRequests = drainableJobQueue<ResetRequest>(
    createResetLinkSender({ users, tokens, outbox, transaction, clock, logger, appUrl: APP_URL }),
  );
  const passwordReset = createPasswordResetService({
    users,
    tokens,
    sessions,
    passwords,
    outbox,
    requests: resetRequests,
    rateLimiter,
    transaction,
    clock,
    logger,
    appUrl: APP_URL,
  });
  const profile = createProfileService({
    users,
    sessions,
    passwords,
    outbox,
    emailVerification,
    rateLimiter,
    transaction,
    clock,
    logger,
    appUrl: APP_URL,
  });
  return {
    clock,
    users,
    sessionRows,
    tokens,
    emailTokens,
    outbox,
    resetRequests,
    passwords,
    sessions,
    auth,
    passwordReset,
    emailVerification,
    profile,
  };
}

export const newAccount = (overrides: Partial<NewUser> = {}) => newUserData({ prefix: "unit", ...overrides });

export const from = (ip = "192.0.2.1") => ({ ip, userAgent: "vitest" });

/** The token in the newest link to /auth/verify-email the outbox holds for this address. */
export function latestEmailToken(outbox: { sent: Array<{ to: { email: string }; text: string }> }, email: string): string {
  const message = [...outbox.sent].reverse().find((m) => m.to.email === email && m.text.includes("/auth/verify-email?token="));
  if (!message) throw new Error(`no verification link was sent to ${email}`);
  return /verify-email\?token=([\w-]+)/.exec(message.text)![1]!;
}
