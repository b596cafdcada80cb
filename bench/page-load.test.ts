import { describe, expect, it } from "vitest";
import { benchPageLoad, SMOKE_RUN } from "./page-load";

describe("page load benchmark (smoke: a second per run, a few thousand posts)", () => {
  it("loads the pages without errors, and counts a handful of queries per page whatever the data size", async () => {
    const result = await benchPageLoad(SMOKE_RUN, { startCluster: false, port: 3215 });
    expect(result.throughput.map((row) => row.errors)).toEqual([0, 0, 0, 0]);
    expect(result.throughput[0]!.page).toMatch(/floor/);
    for (const row of result.throughput) expect(row["req/s (median)"]).toBeGreaterThan(0);
    expect(result.scale["ratio (target ≤ 1.3)"]).toBeGreaterThan(0);
    const queries = Object.fromEntries(result.queries.map((row) => [row.page, row["SQL queries"]]));
    expect(queries["landing (anonymous)"]).toBe(0);
    for (const count of Object.values(queries)) expect(count).toBeLessThanOrEqual(4);
    expect(queries["room (1,000 posts)"]).toBe(queries[`room (${SMOKE_RUN.largePosts.toLocaleString("en")} posts)`]);
  }, 120_000);
});
