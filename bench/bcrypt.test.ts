import { describe, expect, it } from "vitest";
import { benchBcrypt } from "./bcrypt";

describe("bcrypt benchmark (smoke)", () => {
  it("measures one cost and reports a positive time", async () => {
    const [row] = await benchBcrypt([4], 1);
    expect(row!.cost).toBe(4);
    expect(row!["median ms"]).toBeGreaterThanOrEqual(0);
    expect(row!["hashes/s per core"]).toBeGreaterThan(0);
  });
});
