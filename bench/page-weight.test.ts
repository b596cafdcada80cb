import { describe, expect, it } from "vitest";
import { measurePageWeight } from "./page-weight";

describe("page weight benchmark (smoke, on the build the test command just made)", () => {
  it("measures every page type, and LiveKit's code is only on the meeting pages", () => {
    const rows = measurePageWeight();
    expect(rows.map((r) => r.page)).toEqual(["landing", "auth", "home", "room", "prep", "meeting"]);
    for (const row of rows) expect(row["JS KB gzip"]).toBeGreaterThan(10);
    expect(rows.filter((r) => r["LiveKit code"]).map((r) => r.page)).toEqual(["prep", "meeting"]);
  });
});
