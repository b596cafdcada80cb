import type { Clock } from "../clock";
import { ConflictError, InvalidTokenError, isDomainError } from "../errors";
import type { EmailOutbox } from "../email/outbox";
import { emailChangedEmail } from "../email/templates/email-changed";
import { emailVerificationEmail } from "../email/templates/email-verification";
import type { Logger } from "../logger";
import type { EmailToken, EmailTokenPurpose, EmailVerificationTokensRepository } from "../repositories/email-verification-tokens";
import type { TransactionRunner, Tx } from "../repositories/transaction";
import type { UsersRepository } from "../repositories/users";
import type { RequestOrigin } from "./auth";
import { RATE_POLICIES, type RateLimiter } from "./rate-limits";
import type { IssuedSession, PublicUser, SessionService } from "./sessions";
import { generateLinkToken, hashLinkToken } from "./tokens";

/** Copenhagen: 24 hours at most for a link that proves an address. */
export const EMAIL_TOKEN_TTL_HOURS = 24;

const LINK_INVALID = "This link has expired, has already been used, or was replaced by a newer one.";

export interface ConfirmedEmail {
  purpose: EmailTokenPurpose;
  email: string;
  /** A fresh session when the browser that confirmed was signed in as that account, else null. */
  session: IssuedSession | null;
}

export interface EmailVerificationService {
  /** Queues a link proving `email` for the account, in the caller's transaction; voids older links of the purpose. */
  sendLink(account: { userId: string; name: string; email: string; purpose: EmailTokenPurpose }, tx: Tx): Promise<void>;
  /**
   * A new link to the signed-in account's unproven address. Rate-limited per address and per IP;
   * over the limit (or already proven) it sends nothing and answers the same.
   */
  resend(user: PublicUser, origin: RequestOrigin): Promise<void>;
  /** What a link would prove, or null (read only: opening the page spends nothing). */
  inspect(token: string): Promise<Pick<EmailToken, "purpose" | "email"> | null>;
  /**
   * Spends the link: proves the address (or moves the account to the new one), then replaces every
   * session of the account with a fresh one for this browser if it was signed in as that account.
   */
  confirm(token: string, viewer: { userId: string } | null, origin: RequestOrigin): Promise<ConfirmedEmail>;
}

export function createEmailVerificationService(deps: {
  users: UsersRepository;
  tokens: EmailVerificationTokensRepository;
  sessions: SessionService;
  outbox: EmailOutbox;
  rateLimiter: RateLimiter;
  transaction: TransactionRunner;
  clock: Clock;
  logger: Logger;
  appUrl: string;
}): EmailVerificationService {
  const { users, tokens, sessions, outbox, rateLimiter, transaction, clock, logger, appUrl } = deps;

  async function sendLink(
    { userId, name, email, purpose }: { userId: string; name: string; email: string; purpose: EmailTokenPurpose },
    tx: Tx,
  ) {
    const token = generateLinkToken();
    const createdAt = clock.now();
    const expiresAt = new Date(createdAt.getTime() + EMAIL_TOKEN_TTL_HOURS * 3600_000);
    const verifyUrl = `${appUrl}/auth/verify-email?token=${encodeURIComponent(token)}`;
    await tokens.replaceForUser({ userId, email, purpose, tokenHash: hashLinkToken(token), createdAt, expiresAt }, tx);
    const message = emailVerificationEmail({ appUrl, name, email, purpose, verifyUrl, expiresInHours: EMAIL_TOKEN_TTL_HOURS });
    await outbox.enqueue({ kind: `email-${purpose}`, to: { email, name }, ...message }, tx);
  }

  /** Applies a spent link inside its transaction. */
  async function apply(link: EmailToken, now: Date, tx: Tx) {
    const account = await users.findById(link.userId);
    if (!account || !account.isActive) throw new InvalidTokenError(LINK_INVALID);
    if (link.purpose === "verify") {
      // A link sent to an address the account has since left proves nothing about the current one.
      if (!(await users.markEmailVerified(link.userId, link.email, now, tx))) throw new InvalidTokenError(LINK_INVALID);
      return;
    }
    const old = { email: account.email, name: account.name };
    const holder = await users.findByEmail(link.email);
    if (holder && holder.id !== link.userId) throw new ConflictError(takenMessage(link.email));
    try {
      await users.changeEmail(link.userId, link.email, now, tx);
    } catch (error) {
      if (isDomainError(error, "conflict")) throw new ConflictError(takenMessage(link.email));
      throw error;
    }
    const notice = emailChangedEmail({ appUrl, name: old.name, newEmail: link.email });
    await outbox.enqueue({ kind: "email-changed", to: old, ...notice }, tx);
  }

  return {
    sendLink,

    async resend(user, origin) {
      if (user.emailVerified) return;
      try {
        await rateLimiter.consume(
          [RATE_POLICIES.verificationEmailsPerIp, origin.ip],
          [RATE_POLICIES.verificationEmailsPerAddress, user.email],
        );
      } catch (error) {
        if (!isDomainError(error, "rate-limited")) throw error;
        logger.warn(
          { event: "verification-resend-limited", userId: user.id, ip: origin.ip },
          "verification resend over the limit: nothing sent",
        );
        return;
      }
      await transaction((tx) => sendLink({ userId: user.id, name: user.name, email: user.email, purpose: "verify" }, tx));
      logger.info({ event: "verification-resent", userId: user.id }, "verification link queued");
    },

    async inspect(token) {
      const link = await tokens.findUsable(hashLinkToken(token), clock.now());
      return link ? { purpose: link.purpose, email: link.email } : null;
    },

    async confirm(token, viewer, origin) {
      const now = clock.now();
      const link = await transaction(async (tx) => {
        const spent = await tokens.consume(hashLinkToken(token), now, tx);
        if (!spent) throw new InvalidTokenError(LINK_INVALID);
        await apply(spent, now, tx);
        // SECURITY 35: a proven (or new) address gets a fresh session and every older one ends.
        await sessions.endAllForUser(spent.userId, { tx });
        return spent;
      });
      const session = viewer?.userId === link.userId ? await sessions.start(link.userId, origin.userAgent) : null;
      logger.info(
        { event: `email-${link.purpose}-confirmed`, userId: link.userId, ip: origin.ip },
        "email address proven; sessions replaced",
      );
      return { purpose: link.purpose, email: link.email, session };
    },
  };
}

export const takenMessage = (email: string) => `Another account already uses ${email}. Choose a different address.`;
