import { createAuthService } from "../../server/services/auth";
import { createPasswordResetService } from "../../server/services/password-reset";
import { createBcryptHasher } from "../../server/services/passwords";
import { createRateLimiter } from "../../server/services/rate-limits";
import { createSessionService } from "../../server/services/sessions";
import {
  immediateTransaction,
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
  const outbox = recordingOutbox();
  const passwords = createBcryptHasher(4);
  const rateLimiter = createRateLimiter(inMemoryRateCounters(clock));
  const sessions = createSessionService({
    sessions: sessionRows,
    clock,
    settings: { secret: "unit-test-secret-0123456789abcdef0123456789", issuer: APP_URL, idleHours: settings.idleHours ?? 12, maxAgeDays: settings.maxAgeDays ?? 30 },
  });
  const auth = createAuthService({ users, sessions, passwords, rateLimiter, clock, logger: silentLogger });
  const passwordReset = createPasswordResetService({
    users,
    tokens,
    sessions,
    passwords,
    outbox,
    rateLimiter,
    transaction: immediateTransaction,
    clock,
    logger: silentLogger,
    appUrl: APP_URL,
  });
  return { clock, users, sessionRows, tokens, outbox, passwords, sessions, auth, passwordReset };
}

let sequence = 0;
export function newAccount(overrides: Partial<{ username: string; email: string; name: string; password: string }> = {}) {
  sequence += 1;
  return { username: `unit_${sequence}`, email: `unit.${sequence}@example.test`, name: "Unit Tester", password: "unit test passphrase", ...overrides };
}

export const from = (ip = "192.0.2.1") => ({ ip, userAgent: "vitest" });
