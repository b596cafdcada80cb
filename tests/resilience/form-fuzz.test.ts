import { expect, it } from "vitest";
import { formFuzz } from "./form-fuzz";

it("form fuzz (quick): malformed form posts on every page, JS and no-JS style: no 5xx, nothing written", async () => {
  const result = await formFuzz.run({ quick: true, log: () => undefined });
  expect(result.pass, `${result.summary}\n${(result.failures ?? []).join("\n")}`).toBe(true);
}, 90_000);
