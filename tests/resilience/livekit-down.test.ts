import { expect, it } from "vitest";
import { liveKitDown } from "./livekit-down";

it("LiveKit down (quick): rooms still work, joining answers a clear 503, and works again once LiveKit returns", async () => {
  const result = await liveKitDown.run({ quick: true, log: () => undefined });
  expect(result.pass, `${result.summary}\n${(result.failures ?? []).join("\n")}`).toBe(true);
}, 60_000);
