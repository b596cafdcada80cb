import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingLiveKit } from "../support/fake-livekit";
import { closeAllStreams, memberOfNewRoom, openStream, post, type Stream } from "../support/live-feed";
import { startTestServer } from "../support/test-server";

// The timer is out of the way here (rechecks every 10 minutes): what ends a stream in these tests
// is the check made before each event is passed on. live-feed-timer-http.test.ts covers the timer.
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ livekit: recordingLiveKit(), liveFeed: { recheckMs: 600_000 } });
});
afterAll(async () => {
  closeAllStreams();
  await server?.close();
});

describe("the live feed stops when access ends (checked on each event)", () => {
  it("passes events on while the member may see the room", async () => {
    const { owner, room, cookie } = await memberOfNewRoom(server);
    const stream = await openStream(server, room.id, cookie);
    const created = await post(server, owner, room.id, "hello");
    await expect.poll(() => stream.events.map((e) => e.postId)).toContain(created.id);
    expect(stream.ended).toBe(false);
    stream.close();
  });

  it("ends a removed member's stream at the next event, without passing that event on", async () => {
    const { owner, room, participantId, cookie } = await memberOfNewRoom(server);
    const stream = await openStream(server, room.id, cookie);
    await server.runtime.container.services.participants.remove(owner.id, room.id, participantId);
    const created = await post(server, owner, room.id, "after the removal");
    await expect.poll(() => stream.ended, { timeout: 3000 }).toBe(true);
    expect(stream.events.map((e) => e.postId)).not.toContain(created.id);
  });

  it("ends the stream of a revoked session at the next event", async () => {
    const { owner, room, session, cookie } = await memberOfNewRoom(server);
    const stream = await openStream(server, room.id, cookie);
    await server.runtime.container.services.sessions.end(session.sessionId);
    const created = await post(server, owner, room.id, "after sign-out");
    await expect.poll(() => stream.ended, { timeout: 3000 }).toBe(true);
    expect(stream.events.map((e) => e.postId)).not.toContain(created.id);
  });
});

describe("open streams per user", () => {
  const open = (roomId: string, cookie: string) =>
    fetch(`${server.url}/room/${roomId}/events`, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(3000), redirect: "manual" });

  it("refuses the 11th open stream with 429 and Retry-After; closing one frees a slot", async () => {
    const { room, cookie } = await memberOfNewRoom(server);
    const streams: Stream[] = [];
    for (let i = 0; i < 10; i++) streams.push(await openStream(server, room.id, cookie));
    const refused = await open(room.id, cookie);
    await refused.body?.cancel();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    streams.pop()!.close();
    await expect
      .poll(
        async () => {
          const again = await open(room.id, cookie);
          await again.body?.cancel();
          return again.status;
        },
        { timeout: 3000 },
      )
      .toBe(200);
    for (const stream of streams) stream.close();
  });

  it("counts per user: another member still gets a stream", async () => {
    const first = await memberOfNewRoom(server);
    const streams: Stream[] = [];
    for (let i = 0; i < 10; i++) streams.push(await openStream(server, first.room.id, first.cookie));
    const second = await memberOfNewRoom(server);
    const other = await openStream(server, second.room.id, second.cookie);
    for (const stream of [...streams, other]) stream.close();
  });
});
