import { describe, expect, it } from "vitest";
import { measurePageWeight } from "./page-weight";

describe("page weight benchmark (smoke, on the build the test command just made)", () => {
  it("measures every page type, and LiveKit's code is only on the meeting pages", () => {
    const rows = measurePageWeight();
    expect(rows.map((r) => r.page)).toEqual(["landing", "auth", "home", "room", "prep", "meeting"]);
    for (const row of rows) expect(row["JS KB gzip"]).toBeGreaterThan(10);
    expect(rows.filter((r) => r["LiveKit code"]).map((r) => r.page)).toEqual(["prep", "meeting"]);
  });

  it("downloads no empty stand-in of a server module (a route's loader-only `.server` imports are dropped)", () => {
    for (const row of measurePageWeight()) expect(row["server-module stubs"], row.page).toBe(0);
  });

  // The target is 100 KB (bench/targets.ts prints it beside the figure). The mention suggestion
  // list loads when the composer's message box first gets the focus, ready for its first "@": they are
  // the room's on-demand JS, off the page's figure.
  it("keeps the room page's JS within 100 KB gzip, lazy chunks included, the mention suggestions on demand", () => {
    const room = measurePageWeight().find((r) => r.page === "room")!;
    expect(room["JS KB gzip"]).toBeLessThanOrEqual(100);
    expect(room["on-demand JS KB gzip"]).toBeGreaterThan(0);
  });

  it("keeps the prep page's JS within 275 KB gzip, the background processors loading on demand", () => {
    const prep = measurePageWeight().find((r) => r.page === "prep")!;
    expect(prep["JS KB gzip"]).toBeLessThanOrEqual(275);
    expect(prep["on-demand JS KB gzip"]).toBeGreaterThan(0);
  });
});
