import type { Clock } from "../clock";
import { AuthenticationError, ConflictError, NotFoundError, isDomainError } from "../errors";
import type { EmailOutbox } from "../email/outbox";
import { passwordChangedEmail } from "../email/templates/password-changed";
import type { Logger } from "../logger";
import type { TransactionRunner } from "../repositories/transaction";
import type { UsersRepository } from "../repositories/users";
import type { ChangePasswordInput, ProfileInput } from "../schemas/profile";
import { assertAcceptableNewPassword, type PasswordHasher } from "./passwords";
import { toPublicUser, type PublicUser, type SessionService } from "./sessions";

export interface ProfileService {
  update(userId: string, input: ProfileInput): Promise<PublicUser>;
  /** Needs the current password; ends every other session of the user. */
  changePassword(userId: string, currentSessionId: string, input: Omit<ChangePasswordInput, "confirmPassword">): Promise<void>;
  /** Ends every session of the user, this one included. */
  signOutEverywhere(userId: string): Promise<number>;
}

export function createProfileService(deps: {
  users: UsersRepository;
  sessions: SessionService;
  passwords: PasswordHasher;
  outbox: EmailOutbox;
  transaction: TransactionRunner;
  clock: Clock;
  logger: Logger;
  appUrl: string;
}): ProfileService {
  const { users, sessions, passwords, outbox, transaction, clock, logger, appUrl } = deps;

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
      if (!(await passwords.verify(input.currentPassword, user.passwordHash))) {
        throw new AuthenticationError("Your current password is not correct");
      }
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

    signOutEverywhere: (userId) => sessions.endAllForUser(userId),
  };
}
