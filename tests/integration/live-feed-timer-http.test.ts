import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingLiveKit } from "../support/fake-livekit";
import { closeAllStreams, memberOfNewRoom, openStream } from "../support/live-feed";
import { startTestServer } from "../support/test-server";

// Rechecks every 200 ms (production: every 20 s), so a quiet stream ends soon after access does.
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ livekit: recordingLiveKit(), liveFeed: { recheckMs: 200 } });
});
afterAll(async () => {
  closeAllStreams();
  await server?.close();
});

describe("the live feed stops when access ends (checked on a timer, no events needed)", () => {
  it("ends a removed member's stream", async () => {
    const { owner, room, participantId, cookie } = await memberOfNewRoom(server);
    const stream = await openStream(server, room.id, cookie);
    await server.runtime.container.services.participants.remove(owner.id, room.id, participantId);
    await expect.poll(() => stream.ended, { timeout: 3000 }).toBe(true);
  });

  it("ends the stream when every session of the user is ended (signed out everywhere, a password reset)", async () => {
    const { member, room, cookie } = await memberOfNewRoom(server);
    const stream = await openStream(server, room.id, cookie);
    await server.runtime.container.services.sessions.endAllForUser(member.id);
    await expect.poll(() => stream.ended, { timeout: 3000 }).toBe(true);
  });

  it("keeps a member's quiet stream open across rechecks", async () => {
    const { room, cookie } = await memberOfNewRoom(server);
    const stream = await openStream(server, room.id, cookie);
    // Deliberately lets real time pass: the access recheck runs on a timer, and nothing else happens to wait for.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(stream.ended).toBe(false);
    stream.close();
  });
});
