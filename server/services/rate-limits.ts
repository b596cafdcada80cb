import { RateLimitedError } from "../errors";

/** A limit: at most `points` hits per `durationSeconds`; once over, blocked for `blockSeconds`. */
export interface RatePolicy {
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

export const RATE_POLICIES = {
  /** Failed sign-ins from one IP: the 11th within a minute is refused, for 10 minutes. */
  signInFailuresPerIp: { name: "signin-fail-ip", points: 10, durationSeconds: 60, blockSeconds: 600 },
  /** Failed sign-ins on one account from anywhere (ASVS 4 2.2.1). A reset or the hour passing lets the owner back in. */
  signInFailuresPerEmail: { name: "signin-fail-email", points: 100, durationSeconds: 3600 },
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
  /** LiveKit tokens (and guest passes) for one person: plenty for rejoining, not for scripting. */
  meetingJoinsPerPerson: { name: "meeting-join", points: 30, durationSeconds: 600 },
} satisfies Record<string, RatePolicy>;

export interface RateLimitCounters {
  /** Counts one hit; says whether it was within the limit. */
  hit(policy: RatePolicy, key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  /** Gives back one counted hit (never below zero). */
  refund(policy: RatePolicy, key: string): Promise<void>;
  reset(policy: RatePolicy, key: string): Promise<void>;
}

export interface RateLimiter {
  /** Counts a hit on each (policy, key); throws RateLimitedError if any is over its limit. */
  consume(...limits: Array<[RatePolicy, string]>): Promise<void>;
  refund(policy: RatePolicy, key: string): Promise<void>;
  reset(policy: RatePolicy, key: string): Promise<void>;
}

export function createRateLimiter(counters: RateLimitCounters): RateLimiter {
  return {
    async consume(...limits) {
      const results = await Promise.all(limits.map(([policy, key]) => counters.hit(policy, key)));
      const refused = results.filter((r) => !r.allowed);
      if (refused.length) throw new RateLimitedError(Math.max(...refused.map((r) => r.retryAfterSeconds)));
    },
    refund: (policy, key) => counters.refund(policy, key),
    reset: (policy, key) => counters.reset(policy, key),
  };
}
