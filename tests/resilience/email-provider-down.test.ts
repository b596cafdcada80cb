import { expect, it } from "vitest";
import { emailProviderDown } from "./email-provider-down";

it("email provider down (quick): invites and resets stay queued, then arrive exactly once", async () => {
  const result = await emailProviderDown.run({ quick: true, log: () => undefined });
  expect(result.pass, `${result.summary}\n${(result.failures ?? []).join("\n")}`).toBe(true);
}, 90_000);
