import { RateLimitedError } from "../errors";

/** A limit: at most `points` hits per `durationSeconds`; once over, blocked for `blockSeconds`. */
export interface RatePolicy {
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

export const RATE_POLICIES = {
  /*
   * Failed sign-ins (SECURITY 12) are counted by three policies, in this order, each only when the
   * one before let the attempt through, so an address that is refused adds nothing further:
   * per IP, per (account, IP), and per account. One IP therefore adds at most 10 failures an hour
   * to an account's ceiling however long it hammers, and it takes 10 addresses to fill it; an
   * address the owner signed in from in the last 30 days (`signInKnownAddress`) is not held by the
   * ceiling at all (only by its own limits), and a password reset clears it. So nobody can keep the
   * owner out, while guessing stays at most 100 an hour per account from unknown addresses.
   * Only failures count: a success gives its points back, and never resets a counter (or a good
   * sign-in of one's own account would buy fresh guesses at somebody else's).
   */
  /** Failed sign-ins from one IP: the 11th within a minute is refused, for 10 minutes. */
  signInFailuresPerIp: { name: "signin-fail-ip", points: 10, durationSeconds: 60, blockSeconds: 600 },
  /** Failed sign-ins on one account from one IP: after 10 in an hour that IP is refused for that account. */
  signInFailuresPerEmailAndIp: { name: "signin-fail-email-ip", points: 10, durationSeconds: 3600 },
  /** Failed sign-ins on one account from anywhere (ASVS 4 2.2.1). A reset or the hour passing lets the owner back in. */
  signInFailuresPerEmail: { name: "signin-fail-email", points: 100, durationSeconds: 3600 },
  /** (account, IP) pairs that signed in successfully: remembered for 30 days, exempt from the account's ceiling. */
  signInKnownAddress: { name: "signin-known", points: 1, durationSeconds: 30 * 24 * 3600 },
  signUpsPerIp: { name: "signup-ip", points: 10, durationSeconds: 3600 },
  resetRequestsPerIp: { name: "reset-ip", points: 10, durationSeconds: 3600 },
  /** Emails to one address: a handful an hour at most. */
  resetRequestsPerEmail: { name: "reset-email", points: 5, durationSeconds: 3600 },
  resetSubmissionsPerIp: { name: "reset-submit-ip", points: 20, durationSeconds: 600 },
  /** Address-proving links (resends and email changes) to one address, and asked for from one IP. */
  verificationEmailsPerAddress: { name: "verify-email-address", points: 5, durationSeconds: 3600 },
  verificationEmailsPerIp: { name: "verify-email-ip", points: 10, durationSeconds: 3600 },
  /** Wrong current passwords on the profile (password or email change): guessing a signed-in account's password. */
  currentPasswordFailuresPerUser: { name: "current-password-user", points: 5, durationSeconds: 900, blockSeconds: 900 },
  /** Invitation batches (each up to 50 emails) and resends by one member. */
  invitesPerUser: { name: "invites-user", points: 30, durationSeconds: 3600 },
  /** Invitations to one address, across every room and inviter (SECURITY 13: a handful an hour). */
  invitesPerRecipient: { name: "invites-recipient", points: 5, durationSeconds: 3600 },
  /** Invitation emails (one point each) sent from one IP, whichever accounts it uses. */
  inviteEmailsPerIp: { name: "invites-ip", points: 200, durationSeconds: 3600 },
  /** Posts by one person, in all rooms: generous for a conversation, not for a script. */
  postsPerUser: { name: "posts-user", points: 60, durationSeconds: 60 },
  /** Rooms created by one person. */
  roomsPerUser: { name: "rooms-user", points: 30, durationSeconds: 3600 },
  /** LiveKit tokens (and guest passes) for one person: plenty for rejoining, not for scripting. */
  meetingJoinsPerPerson: { name: "meeting-join", points: 30, durationSeconds: 600 },
} satisfies Record<string, RatePolicy>;

/** The key of one account seen from one address, for the per-(account, IP) sign-in policies. */
export const signInAddressKey = (email: string, ip: string) => `${email} ${ip}`;

/**
 * The owner proved control of the account from `ip` (a password reset): the account's ceiling and
 * that address's failures are cleared, and the address counts as the owner's from now on.
 */
export async function liftSignInLockout(limiter: RateLimiter, email: string, ip: string): Promise<void> {
  const pair = signInAddressKey(email, ip);
  await Promise.all([
    limiter.reset(RATE_POLICIES.signInFailuresPerEmail, email),
    limiter.reset(RATE_POLICIES.signInFailuresPerEmailAndIp, pair),
    limiter.remember(RATE_POLICIES.signInKnownAddress, pair),
  ]);
}

export interface RateLimitCounters {
  /** Counts a hit of `points` (1 unless said); says whether it was within the limit. */
  hit(policy: RatePolicy, key: string, points?: number): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  /** Gives back one counted hit (never below zero). */
  refund(policy: RatePolicy, key: string): Promise<void>;
  reset(policy: RatePolicy, key: string): Promise<void>;
  /** Points counted in the current window (0 when none). */
  peek(policy: RatePolicy, key: string): Promise<number>;
  /** Starts a fresh window holding one point: a fact remembered for the policy's duration. */
  mark(policy: RatePolicy, key: string): Promise<void>;
}

/** A policy, the key it counts under, and how many points this hit is worth (1 unless said). */
export type RateLimitHit = [policy: RatePolicy, key: string, points?: number];

export interface RateLimiter {
  /** Counts a hit on each (policy, key); throws RateLimitedError if any is over its limit. */
  consume(...limits: RateLimitHit[]): Promise<void>;
  refund(policy: RatePolicy, key: string): Promise<void>;
  reset(policy: RatePolicy, key: string): Promise<void>;
  /** Remembers `key` under `policy` for the policy's duration, counting from now. */
  remember(policy: RatePolicy, key: string): Promise<void>;
  remembers(policy: RatePolicy, key: string): Promise<boolean>;
}

/**
 * `multiplier` raises every policy's points by that factor: explicit configuration for load tests
 * (RATE_LIMIT_MULTIPLIER), never a default.
 */
export function createRateLimiter(counters: RateLimitCounters, options: { multiplier?: number } = {}): RateLimiter {
  const multiplier = options.multiplier ?? 1;
  const scaled = (policy: RatePolicy): RatePolicy => (multiplier === 1 ? policy : { ...policy, points: policy.points * multiplier });
  return {
    async consume(...limits) {
      const results = await Promise.all(limits.map(([policy, key, points]) => counters.hit(scaled(policy), key, points)));
      const refused = results.filter((r) => !r.allowed);
      if (refused.length) throw new RateLimitedError(Math.max(...refused.map((r) => r.retryAfterSeconds)));
    },
    refund: (policy, key) => counters.refund(scaled(policy), key),
    reset: (policy, key) => counters.reset(scaled(policy), key),
    remember: (policy, key) => counters.mark(scaled(policy), key),
    remembers: async (policy, key) => (await counters.peek(scaled(policy), key)) > 0,
  };
}
