import type { Clock } from "../clock";
import { AuthenticationError, ConflictError, NotFoundError, ValidationError, isDomainError } from "../errors";
import type { EmailOutbox } from "../email/outbox";
import { passwordChangedEmail } from "../email/templates/password-changed";
import type { Logger } from "../logger";
import type { TransactionRunner } from "../repositories/transaction";
import type { User, UsersRepository } from "../repositories/users";
import type { ChangeEmailInput, ChangePasswordInput, ProfileInput } from "../schemas/profile";
import type { RequestOrigin } from "./auth";
import { takenMessage, type EmailVerificationService } from "./email-verification";
import { assertAcceptableNewPassword, type PasswordHasher } from "./passwords";
import { RATE_POLICIES, type RateLimiter } from "./rate-limits";
import { toPublicUser, type PublicUser, type SessionService } from "./sessions";

export interface ProfileService {
  update(userId: string, input: ProfileInput): Promise<PublicUser>;
  /** Needs the current password; ends every other session of the user. */
  changePassword(userId: string, currentSessionId: string, input: Omit<ChangePasswordInput, "confirmPassword">): Promise<void>;
  /**
   * Needs the current password; sends a link to the new address, which replaces the old one only
   * once that link is used (SECURITY 25).
   */
  requestEmailChange(userId: string, input: ChangeEmailInput, origin: RequestOrigin): Promise<void>;
  /** Ends every session of the user, this one included. */
  signOutEverywhere(userId: string): Promise<number>;
  /** The profile's settings beyond name and address. */
  settings(userId: string): Promise<{ mentionEmails: boolean }>;
  /** Email me when someone mentions me: on or off. */
  setMentionEmails(userId: string, on: boolean): Promise<void>;
}

export function createProfileService(deps: {
  users: UsersRepository;
  sessions: SessionService;
  passwords: PasswordHasher;
  outbox: EmailOutbox;
  emailVerification: EmailVerificationService;
  rateLimiter: RateLimiter;
  transaction: TransactionRunner;
  clock: Clock;
  logger: Logger;
  appUrl: string;
}): ProfileService {
  const { users, sessions, passwords, outbox, emailVerification, rateLimiter, transaction, clock, logger, appUrl } = deps;

  /**
   * Each try is counted before the check (so parallel guesses cannot all slip in) and given back
   * when right: only wrong current passwords add up, and once over the limit every try is refused.
   */
  async function checkCurrentPassword(user: User, password: string) {
    await rateLimiter.consume([RATE_POLICIES.currentPasswordFailuresPerUser, user.id]);
    if (!(await passwords.verify(password, user.passwordHash))) {
      logger.warn({ event: "current-password-wrong", userId: user.id }, "wrong current password on the profile");
      throw new AuthenticationError("Your current password is not correct");
    }
    await rateLimiter.refund(RATE_POLICIES.currentPasswordFailuresPerUser, user.id);
  }

  async function requireUser(userId: string) {
    const user = await users.findById(userId);
    if (!user || !user.isActive) throw new NotFoundError("No such user");
    return user;
  }

  return {
    async update(userId, input) {
      await requireUser(userId);
      try {
        return toPublicUser(await users.updateProfile(userId, input, clock.now()));
      } catch (error) {
        if (isDomainError(error, "conflict")) {
          throw new ConflictError("Username taken", { username: ["This username is taken: choose another"] });
        }
        throw error;
      }
    },

    async changePassword(userId, currentSessionId, input) {
      const user = await requireUser(userId);
      await checkCurrentPassword(user, input.currentPassword);
      assertAcceptableNewPassword(input.password);
      const passwordHash = await passwords.hash(input.password);
      const now = clock.now();
      await transaction(async (tx) => {
        await users.setPassword(user.id, passwordHash, now, tx);
        await sessions.endAllForUser(user.id, { exceptSessionId: currentSessionId, tx });
        const message = passwordChangedEmail({ appUrl, name: user.name, resetRequestUrl: `${appUrl}/auth/reset-password`, changedAt: now });
        await outbox.enqueue({ kind: "password-changed", to: { email: user.email, name: user.name }, ...message }, tx);
      });
      logger.info({ event: "password-changed", userId }, "password changed; other sessions ended");
    },

    async requestEmailChange(userId, input, origin) {
      const user = await requireUser(userId);
      await checkCurrentPassword(user, input.currentPassword);
      const email = input.email.toLowerCase();
      if (email === user.email.toLowerCase()) throw new ValidationError("Same address", { email: ["This is already your email address"] });
      if (await users.findByEmail(email)) throw new ConflictError("Email taken", { email: [takenMessage(email)] });
      await rateLimiter.consume([RATE_POLICIES.verificationEmailsPerIp, origin.ip], [RATE_POLICIES.verificationEmailsPerAddress, email]);
      await transaction((tx) => emailVerification.sendLink({ userId, name: user.name, email, purpose: "change" }, tx));
      logger.info({ event: "email-change-requested", userId }, "email change link queued");
    },

    signOutEverywhere: (userId) => sessions.endAllForUser(userId),

    async settings(userId) {
      const user = await requireUser(userId);
      return { mentionEmails: user.mentionEmails };
    },

    async setMentionEmails(userId, on) {
      await requireUser(userId);
      await users.setMentionEmails(userId, on, clock.now());
    },
  };
}
