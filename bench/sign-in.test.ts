import { describe, expect, it } from "vitest";
import { benchSignIn, SMOKE_SIGN_IN } from "./sign-in";

describe("sign-in benchmark (smoke)", () => {
  it("signs people in without errors, and the limiter checks no more guesses than it allows", async () => {
    const result = await benchSignIn(SMOKE_SIGN_IN, { startCluster: false, port: 3235 });
    expect(result.throughput.errors).toBe(0);
    expect(result.throughput["signed in"]).toBe(SMOKE_SIGN_IN.signIns);
    expect(result.throughput["sign-ins/s measured"]).toBeGreaterThan(0);
    expect(result.limiter["passwords checked"]).toBe(10);
    expect(result.limiter["holds (checked ≤ limit)"]).toBe(true);
  }, 120_000);
});
