import { afterAll, beforeAll, expect, it } from "vitest";
import { isDomainError } from "../../server/errors";
import { createLiveKitGateway } from "../../server/livekit/gateway";
import { TEST_LIVEKIT_ENV } from "../support/test-livekit";
import { signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";

// The real LiveKit SDK pointed at a port where nothing listens: LiveKit is down.
let runtime: TestRuntime;
beforeAll(async () => {
  const { LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = TEST_LIVEKIT_ENV;
  runtime = await startTestRuntime({ livekit: createLiveKitGateway({ url: "ws://127.0.0.1:9", apiKey, apiSecret, timeoutSeconds: 1 }) });
});
afterAll(async () => {
  await runtime?.close();
});

it("rooms are still made while LiveKit is down, and joining says clearly that the meeting server is not answering", async () => {
  const { services } = runtime.container;
  const owner = await signUpTestUser(runtime, { prefix: "down", name: "Dana Down" });
  const room = await services.rooms.create(owner, { name: "Offline", description: null });
  const error = await services.meetings.join({ user: owner }, room.id, { displayName: "Dana" }).catch((e: unknown) => e);
  expect(isDomainError(error, "unavailable")).toBe(true);
  expect((error as Error).message).toMatch(/not answering/);
});
