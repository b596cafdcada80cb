import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { Sequelize } from "sequelize";
import { toUnavailableIfUnreachable } from "../db/unavailable";
import type { RateLimitCounters, RatePolicy } from "../services/rate-limits";

/**
 * rate-limiter-flexible takes its own connections from Sequelize's pool and queries through them,
 * so the Sequelize instance's error mapping never sees its failures: an unreachable database
 * would surface as a raw driver error (a 500). Mapped here, it is the 503 every other query gives.
 */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof RateLimiterRes ? error : toUnavailableIfUnreachable(error);
  }
}

/**
 * Counters kept in PostgreSQL (table `rate_limits`, made by a migration), so limits hold across
 * every app instance sharing the database.
 */
export function createPostgresRateLimitCounters(sequelize: Sequelize): RateLimitCounters {
  const limiters = new Map<string, RateLimiterPostgres>();
  const limiterFor = (policy: RatePolicy) => {
    let limiter = limiters.get(policy.name);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: sequelize,
        storeType: "sequelize",
        tableName: "rate_limits",
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: policy.name,
        points: policy.points,
        duration: policy.durationSeconds,
        blockDuration: policy.blockSeconds ?? 0,
      });
      limiters.set(policy.name, limiter);
    }
    return limiter;
  };
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    async hit(policy, key, points = 1) {
      try {
        await mapped(() => limiterFor(policy).consume(key, points));
        return { allowed: true, retryAfterSeconds: 0 };
      } catch (result) {
        if (result instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: seconds(result.msBeforeNext) };
        throw result;
      }
    },
    async refund(policy, key) {
      // Only a counter that exists and has points is touched (reward on a missing key would create one below zero).
      const result = await mapped(() => limiterFor(policy).get(key));
      if (result && result.consumedPoints > 0) await mapped(() => limiterFor(policy).reward(key, 1));
    },
    async reset(policy, key) {
      await mapped(() => limiterFor(policy).delete(key));
    },
    async peek(policy, key) {
      return (await limiterFor(policy).get(key))?.consumedPoints ?? 0;
    },
    async mark(policy, key) {
      await limiterFor(policy).set(key, 1, policy.durationSeconds);
    },
  };
}
