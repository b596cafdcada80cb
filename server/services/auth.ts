import type { Clock } from "../clock";
import { AuthenticationError, ConflictError, isDomainError, type FieldErrors } from "../errors";
import type { Logger } from "../logger";
import type { TransactionRunner } from "../repositories/transaction";
import type { UsersRepository } from "../repositories/users";
import type { SignInInput, SignUpInput } from "../schemas/auth";
import type { EmailVerificationService } from "./email-verification";
import { assertAcceptableNewPassword, type PasswordHasher } from "./passwords";
import { RATE_POLICIES, signInAddressKey, type RateLimiter } from "./rate-limits";
import type { IssuedSession, PublicUser, SessionService } from "./sessions";
import { toPublicUser } from "./sessions";

/** Who is asking: used for rate limits and the session row, never trusted for identity. */
export interface RequestOrigin {
  ip: string;
  userAgent?: string | null;
}

export interface SignedIn {
  user: PublicUser & { createdAt: Date };
  session: IssuedSession;
}

export interface AuthService {
  signUp(input: Omit<SignUpInput, "confirmPassword">, origin: RequestOrigin): Promise<SignedIn>;
  signIn(input: SignInInput, origin: RequestOrigin): Promise<SignedIn>;
  signOut(sessionId: string): Promise<void>;
  signOutOtherSessions(userId: string, currentSessionId: string): Promise<number>;
}

/** One message for an unknown email and a wrong password, so neither reveals an account. */
export const SIGN_IN_FAILED = "Email or password is incorrect.";

export function createAuthService(deps: {
  users: UsersRepository;
  sessions: SessionService;
  passwords: PasswordHasher;
  rateLimiter: RateLimiter;
  emailVerification: EmailVerificationService;
  transaction: TransactionRunner;
  clock: Clock;
  logger: Logger;
}): AuthService {
  const { users, sessions, passwords, rateLimiter, emailVerification, transaction, clock, logger } = deps;

  function takenFields(taken: { email: boolean; username: boolean }): FieldErrors {
    const fields: FieldErrors = {};
    if (taken.email) fields.email = ["An account with this email already exists. Sign in, or reset your password."];
    if (taken.username) fields.username = ["This username is taken: choose another"];
    return fields;
  }

  return {
    async signUp(input, origin) {
      await rateLimiter.consume([RATE_POLICIES.signUpsPerIp, origin.ip]);
      assertAcceptableNewPassword(input.password);
      const taken = await users.findTaken(input.email, input.username);
      if (taken.email || taken.username) throw new ConflictError("Already taken", takenFields(taken));

      const passwordHash = await passwords.hash(input.password);
      let user;
      try {
        // The account and the link proving its address commit together: no account without its email.
        user = await transaction(async (tx) => {
          const created = await users.create({ username: input.username, email: input.email, name: input.name, passwordHash }, tx);
          await emailVerification.sendLink({ userId: created.id, name: created.name, email: created.email, purpose: "verify" }, tx);
          return created;
        });
      } catch (error) {
        // Two sign-ups racing for the same email or username: the unique index decides.
        if (isDomainError(error, "conflict")) {
          throw new ConflictError("Already taken", takenFields(await users.findTaken(input.email, input.username)));
        }
        throw error;
      }
      logger.info({ event: "signup", userId: user.id, ip: origin.ip }, "account created");
      const session = await sessions.start(user.id, origin.userAgent);
      return { user: { ...toPublicUser(user), createdAt: user.createdAt }, session };
    },

    async signIn(input, origin) {
      // Counted before the password is checked, so concurrent guesses cannot all get in ahead of
      // the first recorded failure; the order and what each counter is for: see RATE_POLICIES.
      const pair = signInAddressKey(input.email, origin.ip);
      await rateLimiter.consume([RATE_POLICIES.signInFailuresPerIp, origin.ip]);
      const [knownAddress] = await Promise.all([
        rateLimiter.remembers(RATE_POLICIES.signInKnownAddress, pair),
        rateLimiter.consume([RATE_POLICIES.signInFailuresPerEmailAndIp, pair]),
      ]);
      if (!knownAddress) await rateLimiter.consume([RATE_POLICIES.signInFailuresPerEmail, input.email]);

      const user = await users.findByEmail(input.email);
      const valid =
        user && user.isActive ? await passwords.verify(input.password, user.passwordHash) : await passwords.verifyNothing(input.password);
      if (!user || !valid) {
        logger.warn({ event: "login", outcome: "failure", ip: origin.ip }, "sign-in failed");
        throw new AuthenticationError(SIGN_IN_FAILED);
      }

      const now = clock.now();
      await users.recordLogin(user.id, now);
      // A success gives back only its own points: resetting the IP's counter would let an
      // attacker's good sign-in to their own account buy fresh guesses at others'.
      await Promise.all([
        rateLimiter.refund(RATE_POLICIES.signInFailuresPerIp, origin.ip),
        rateLimiter.refund(RATE_POLICIES.signInFailuresPerEmailAndIp, pair),
        knownAddress ? undefined : rateLimiter.refund(RATE_POLICIES.signInFailuresPerEmail, input.email),
        rateLimiter.remember(RATE_POLICIES.signInKnownAddress, pair),
      ]);
      logger.info({ event: "login", outcome: "success", userId: user.id, ip: origin.ip }, "signed in");
      const session = await sessions.start(user.id, origin.userAgent);
      return { user: { ...toPublicUser(user), createdAt: user.createdAt }, session };
    },

    signOut: (sessionId) => sessions.end(sessionId),

    signOutOtherSessions: (userId, currentSessionId) => sessions.endAllForUser(userId, { exceptSessionId: currentSessionId }),
  };
}
