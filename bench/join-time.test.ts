import { describe, expect, it } from "vitest";
import { benchJoinTime, SMOKE_JOIN } from "./join-time";

describe("join time benchmark (smoke: one round)", () => {
  it("measures two people joining a meeting on the local LiveKit server", async () => {
    const result = await benchJoinTime(SMOKE_JOIN, { startCluster: false, port: 3245 });
    expect(result.rounds).toBe(1);
    expect(result["Join → own video published, median ms"]).toBeGreaterThan(0);
    expect(result["Join → other's video playing, median ms"]).toBeGreaterThan(0);
    expect(result["blur: Join → own processed video playing, median ms"]).toBeGreaterThan(0);
  }, 120_000);
});
