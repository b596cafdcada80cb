import { expect, it } from "vitest";
import { postingStorm } from "./posting-storm";

it("posting storm (quick): no errors, every post stored once and heard by every subscriber", async () => {
  const result = await postingStorm.run({ quick: true, log: () => undefined });
  expect(result.pass, `${result.summary}\n${(result.failures ?? []).join("\n")}`).toBe(true);
}, 90_000);
