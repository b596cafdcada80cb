import { expect, it } from "vitest";
import { twoInstances } from "./two-instances";

it("two instances behind nginx (quick): sessions, rate limits, live feed and email work across them", async () => {
  const result = await twoInstances.run({ quick: true, log: () => undefined });
  expect(result.pass, `${result.summary}\n${(result.failures ?? []).join("\n")}`).toBe(true);
}, 90_000);
