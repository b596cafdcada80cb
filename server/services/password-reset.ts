import type { Clock } from "../clock";
import { InvalidTokenError, isDomainError } from "../errors";
import type { EmailOutbox } from "../email/outbox";
import type { JobOptions, JobQueue } from "../jobs/queues";
import { passwordChangedEmail } from "../email/templates/password-changed";
import { passwordResetEmail } from "../email/templates/password-reset";
import type { Logger } from "../logger";
import type { PasswordResetTokensRepository } from "../repositories/password-reset-tokens";
import type { TransactionRunner } from "../repositories/transaction";
import type { UsersRepository } from "../repositories/users";
import type { PasswordResetInput } from "../schemas/auth";
import type { RequestOrigin } from "./auth";
import { assertAcceptableNewPassword, type PasswordHasher } from "./passwords";
import { liftSignInLockout, RATE_POLICIES, type RateLimiter } from "./rate-limits";
import type { SessionService } from "./sessions";
import { generateLinkToken, hashLinkToken } from "./tokens";

export const RESET_TOKEN_TTL_MINUTES = 60;

/** What a reset request leaves for the worker: the address to look up, and who asked. */
export interface ResetRequest {
  email: string;
  ip: string;
}

export const RESET_REQUEST_QUEUE = "password-reset-requests";

export const RESET_REQUEST_JOB_OPTIONS: JobOptions = { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 };

export interface PasswordResetService {
  /**
   * Queues the request for the worker (`createResetLinkSender`), which emails a link if an active
   * account has this address. Every address costs the same work here (SECURITY 10: no quick exit),
   * so neither the answer nor its timing tells which addresses have accounts. Over a rate limit
   * it answers the same too, and queues nothing.
   */
  requestReset(email: string, origin: RequestOrigin): Promise<void>;
  /** Whether a link is still good (read only: opening the page spends nothing). */
  isUsable(token: string): Promise<boolean>;
  /** Sets the new password, spends the token, and ends every session of the user. */
  resetPassword(input: Omit<PasswordResetInput, "confirmPassword">, origin: RequestOrigin): Promise<void>;
}

interface ResetDeps {
  users: UsersRepository;
  tokens: PasswordResetTokensRepository;
  sessions: SessionService;
  passwords: PasswordHasher;
  outbox: EmailOutbox;
  requests: JobQueue<ResetRequest>;
  rateLimiter: RateLimiter;
  transaction: TransactionRunner;
  clock: Clock;
  logger: Logger;
  appUrl: string;
}

/**
 * The reset-request job: if an active account has the address, stores a new token (voiding the
 * older ones) and queues the email with it, in one transaction. Unknown addresses get nothing.
 */
export function createResetLinkSender(
  deps: Pick<ResetDeps, "users" | "tokens" | "outbox" | "transaction" | "clock" | "logger" | "appUrl">,
): (request: ResetRequest) => Promise<void> {
  const { users, tokens, outbox, transaction, clock, logger, appUrl } = deps;
  return async ({ email, ip }) => {
    const user = await users.findByEmail(email);
    if (!user || !user.isActive) return;

    const token = generateLinkToken();
    const createdAt = clock.now();
    const expiresAt = new Date(createdAt.getTime() + RESET_TOKEN_TTL_MINUTES * 60_000);
    const resetUrl = `${appUrl}/auth/reset-password-form?token=${encodeURIComponent(token)}`;
    const message = passwordResetEmail({ appUrl, name: user.name, resetUrl, expiresInMinutes: RESET_TOKEN_TTL_MINUTES });
    await transaction(async (tx) => {
      await tokens.replaceForUser({ userId: user.id, tokenHash: hashLinkToken(token), createdAt, expiresAt }, tx);
      await outbox.enqueue({ kind: "password-reset", to: { email: user.email, name: user.name }, ...message }, tx);
    });
    logger.info({ event: "password-reset-requested", userId: user.id, ip }, "password reset link queued");
  };
}

export function createPasswordResetService(deps: ResetDeps): PasswordResetService {
  const { users, tokens, sessions, passwords, outbox, requests, rateLimiter, transaction, clock, logger, appUrl } = deps;

  return {
    async requestReset(email, origin) {
      try {
        await rateLimiter.consume([RATE_POLICIES.resetRequestsPerIp, origin.ip], [RATE_POLICIES.resetRequestsPerEmail, email]);
      } catch (error) {
        if (!isDomainError(error, "rate-limited")) throw error;
        // SECURITY 13: over a limit the caller gets the usual answer, and nothing is sent.
        logger.warn({ event: "password-reset-limited", ip: origin.ip }, "password reset request over the limit; nothing sent");
        return;
      }
      await requests.send({ email, ip: origin.ip });
    },

    isUsable: (token) => tokens.isUsable(hashLinkToken(token), clock.now()),

    async resetPassword(input, origin) {
      await rateLimiter.consume([RATE_POLICIES.resetSubmissionsPerIp, origin.ip]);
      assertAcceptableNewPassword(input.password);
      const passwordHash = await passwords.hash(input.password);
      const now = clock.now();

      const user = await transaction(async (tx) => {
        const userId = await tokens.consume(hashLinkToken(input.token), now, tx);
        if (!userId) throw new InvalidTokenError("This reset link has expired or has already been used.");
        const owner = await users.findById(userId);
        if (!owner) throw new InvalidTokenError("This reset link has expired or has already been used.");
        await users.setPassword(userId, passwordHash, now, tx);
        // The link reached the address, so the address is proven (SECURITY 33).
        await users.markEmailVerified(userId, owner.email, now, tx);
        await sessions.endAllForUser(userId, { tx });
        const message = passwordChangedEmail({
          appUrl,
          name: owner.name,
          resetRequestUrl: `${appUrl}/auth/reset-password`,
          changedAt: now,
        });
        await outbox.enqueue({ kind: "password-changed", to: { email: owner.email, name: owner.name }, ...message }, tx);
        return owner;
      });
      // The owner proved control of the address: failed sign-ins by others no longer lock them out.
      await liftSignInLockout(rateLimiter, user.email, origin.ip);
      logger.info({ event: "password-reset", userId: user.id, ip: origin.ip }, "password reset; all sessions ended");
    },
  };
}
