import { describe, expect, it } from "vitest";
import { inMemoryRateCounters } from "../../tests/support/in-memory";
import { createTestClock } from "../../tests/support/test-clock";
import { createRateLimiter } from "./rate-limits";

const policy = { name: "test-policy", points: 3, durationSeconds: 60 };

async function allowedHits(limiter: ReturnType<typeof createRateLimiter>, tries: number) {
  let allowed = 0;
  for (let i = 0; i < tries; i++) {
    try {
      await limiter.consume([policy, "key"]);
      allowed += 1;
    } catch {
      // refused
    }
  }
  return allowed;
}

describe("the rate limiter", () => {
  it("allows a policy's points and refuses the next hit", async () => {
    expect(await allowedHits(createRateLimiter(inMemoryRateCounters(createTestClock())), 10)).toBe(3);
  });

  it("raises every limit by an explicit multiplier (RATE_LIMIT_MULTIPLIER, for load tests only)", async () => {
    expect(await allowedHits(createRateLimiter(inMemoryRateCounters(createTestClock()), { multiplier: 3 }), 20)).toBe(9);
  });
});
