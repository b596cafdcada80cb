import { createHash } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../server/errors";
import type { Post } from "../../server/services/posts";
import type { PublicUser } from "../../server/services/sessions";
import { TEST_LIVEKIT_ENV } from "../support/test-livekit";
import { queryRows, signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";
import { waitFor } from "../support/wait-for";

// Meetings in the feed, from signed webhooks through the real meetings service and database.
let runtime: TestRuntime;
let sequence = 0;
const { LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = TEST_LIVEKIT_ENV;

beforeAll(async () => {
  runtime = await startTestRuntime({ env: TEST_LIVEKIT_ENV });
});
afterAll(async () => {
  await runtime?.close();
});

const services = () => runtime.container.services;
const T0 = Math.floor(Date.UTC(2026, 0, 5, 9, 0, 0) / 1000);
const MIN = 60;

/** A room owned by Ada, with Grace (a member) and Alan (an invited guest without an account). */
async function meetingRoom() {
  const tag = `${Date.now().toString(36)}${sequence++}`;
  const ada = await signUpTestUser(runtime, { prefix: "feed", name: "Ada" });
  const grace = await signUpTestUser(runtime, { prefix: "feed", name: "Grace" });
  const room = await services().rooms.create(ada, { name: "Standup", description: null });
  await services().participants.add(
    ada,
    room.id,
    {
      rows: [
        { email: grace.email, name: "Grace" },
        { email: `alan.${tag}@example.test`, name: "Alan" },
      ],
    },
    { ip: "127.0.0.1" },
  );
  const rows = await queryRows(runtime, "select id, email from room_participants where room_id = :roomId", { roomId: room.id });
  await queryRows(runtime, "update room_participants set user_id = :userId where id = :id", {
    userId: grace.id,
    id: rows.find((r) => r.email === grace.email)!.id,
  });
  const alan = String(rows.find((r) => String(r.email).startsWith("alan."))!.id);
  return { ada, grace, alanIdentity: alan, room, roomName: `parley-${room.id}` };
}

/** A scripted meeting: joins and leaves of one LiveKit room (sid), at seconds after T0. */
function meeting(roomName: string, roomSid: string) {
  const sids = new Map<string, string>();
  const participantSid = (identity: string) => sids.get(identity) ?? `PA_${roomSid}_${identity.slice(0, 8)}`;
  const event = (event: string, at: number, identity?: string) => {
    const raw = {
      event,
      id: `EV_${crypto.randomUUID()}`,
      createdAt: String(T0 + at),
      room: { name: roomName, sid: roomSid },
      ...(identity ? { participant: { identity, sid: participantSid(identity) } } : {}),
    };
    return JSON.stringify(raw);
  };
  return {
    joined: (identity: string, at: number) => event("participant_joined", at, identity),
    left: (identity: string, at: number) => event("participant_left", at, identity),
    finished: (at: number) => event("room_finished", at),
  };
}

async function deliver(...bodies: string[]) {
  const outcomes = [];
  for (const raw of bodies) outcomes.push(await deliverOne(raw));
  return outcomes;
}

async function deliverOne(raw: string) {
  const token = new AccessToken(apiKey, apiSecret, { ttl: 300 });
  token.sha256 = createHash("sha256").update(raw).digest("base64");
  return services().meetings.receiveWebhook(raw, await token.toJwt());
}

/** The feed's meeting entries as a reader sees them: kind, time (seconds after T0), attendees. */
async function entries(user: PublicUser, roomId: string) {
  const { posts } = await services().posts.page(user.id, roomId, { limit: 100 });
  return posts
    .filter((post) => post.kind !== "post")
    .map((post: Post) => ({
      kind: post.kind,
      at: post.createdAt.getTime() / 1000 - T0,
      startedAt: post.meeting!.startedAt.getTime() / 1000 - T0,
      endedAt: post.meeting!.endedAt ? post.meeting!.endedAt.getTime() / 1000 - T0 : null,
      attendees: post.meeting!.attendees,
    }));
}

describe("meeting entries in the feed", () => {
  it("say who started the meeting, then how long it took and who came, once the room empties", async () => {
    const { ada, grace, alanIdentity, room, roomName } = await meetingRoom();
    const m = meeting(roomName, "RM_one");
    await deliver(m.joined(ada.id, 0));
    expect(await entries(ada, room.id)).toEqual([{ kind: "meeting_started", at: 0, startedAt: 0, endedAt: null, attendees: ["Ada"] }]);
    await deliver(m.joined(grace.id, 1 * MIN), m.joined(alanIdentity, 2 * MIN), m.left(grace.id, 10 * MIN), m.left(alanIdentity, 20 * MIN));
    expect(await entries(ada, room.id)).toHaveLength(1);
    await deliver(m.left(ada.id, 23 * MIN));

    const ended = { kind: "meeting_ended", at: 23 * MIN, startedAt: 0, endedAt: 23 * MIN, attendees: ["Ada", "Grace", "Alan (guest)"] };
    const started = { ...ended, kind: "meeting_started", at: 0 };
    expect(await entries(ada, room.id)).toEqual([started, ended]);

    // LiveKit then reports the room finished (20 s later), and again under another event id: nothing new.
    const finished = m.finished(23 * MIN + 20);
    expect(await deliver(finished, finished, m.finished(23 * MIN + 21))).toEqual(["applied", "duplicate", "applied"]);
    expect(await entries(ada, room.id)).toEqual([started, ended]);
    expect(await queryRows(runtime, "select count(*)::int as n from meetings where room_id = :id", { id: room.id })).toEqual([{ n: 1 }]);
  });

  it("end when LiveKit reports the room finished, if the last leave never came", async () => {
    const { ada, grace, room, roomName } = await meetingRoom();
    const m = meeting(roomName, "RM_two");
    await deliver(m.joined(ada.id, 0), m.joined(grace.id, 30), m.finished(5 * MIN));
    expect((await entries(ada, room.id)).map((e) => [e.kind, e.at, e.attendees])).toEqual([
      ["meeting_started", 0, ["Ada", "Grace"]],
      ["meeting_ended", 5 * MIN, ["Ada", "Grace"]],
    ]);
  });

  it("are written once however the webhooks repeat: the same event replayed, every event twice", async () => {
    const { ada, grace, room, roomName } = await meetingRoom();
    const m = meeting(roomName, "RM_rep");
    const script = [m.joined(ada.id, 0), m.joined(grace.id, 60), m.left(grace.id, 120), m.left(ada.id, 180), m.finished(200)];
    for (const body of script) {
      expect(await deliverOne(body)).toBe("applied");
      expect(await deliverOne(body)).toBe("duplicate");
    }
    expect((await entries(ada, room.id)).map((e) => [e.kind, e.at])).toEqual([
      ["meeting_started", 0],
      ["meeting_ended", 180],
    ]);
  });

  it("follow the events' times, not their arrival: a later joiner first, a join after room_finished, a leave before its join", async () => {
    const { ada, grace, alanIdentity, room, roomName } = await meetingRoom();
    const m = meeting(roomName, "RM_late");
    // Grace's join (at 1 min) arrives before Ada's (at 0): Ada still started it, at 0.
    await deliver(m.joined(grace.id, 1 * MIN), m.joined(ada.id, 0));
    expect((await entries(ada, room.id)).map((e) => [e.kind, e.at, e.attendees])).toEqual([["meeting_started", 0, ["Ada", "Grace"]]]);

    await deliver(m.left(grace.id, 10 * MIN), m.left(ada.id, 12 * MIN), m.finished(12 * MIN + 20));
    // Alan's join (at 5 min) arrives after room_finished: he was there, so he is listed; no new meeting starts.
    await deliver(m.joined(alanIdentity, 5 * MIN), m.left(alanIdentity, 11 * MIN));
    // A join stamped after the finish under the finished room sid is a straggler: it opens nothing.
    await deliver(m.joined(grace.id, 13 * MIN));
    expect((await entries(ada, room.id)).map((e) => [e.kind, e.at, e.attendees])).toEqual([
      ["meeting_started", 0, ["Ada", "Grace", "Alan (guest)"]],
      ["meeting_ended", 12 * MIN, ["Ada", "Grace", "Alan (guest)"]],
    ]);
  });

  it("keep two meetings in a row apart, even when the second one's join arrives before the first one's end", async () => {
    const { ada, grace, room, roomName } = await meetingRoom();
    const first = meeting(roomName, "RM_first");
    const second = meeting(roomName, "RM_second");
    await deliver(first.joined(ada.id, 0), first.joined(grace.id, 1 * MIN), first.left(grace.id, 9 * MIN));
    // Ada's leave and the finish of the first room come late; Grace has opened a new LiveKit room meanwhile.
    await deliver(second.joined(grace.id, 60 * MIN), first.left(ada.id, 10 * MIN), first.finished(10 * MIN + 20));
    // The old room's late finish must not clear who is in the new one.
    expect((await services().rooms.getForMember(ada.id, room.id)).inMeeting).toEqual(["Grace"]);
    await deliver(second.joined(ada.id, 61 * MIN), second.left(ada.id, 70 * MIN), second.left(grace.id, 85 * MIN));
    expect((await entries(ada, room.id)).map((e) => [e.kind, e.at, e.attendees])).toEqual([
      ["meeting_started", 0, ["Ada", "Grace"]],
      // Closed when the second room opened, at the first one's last known activity (Grace leaving).
      ["meeting_ended", 9 * MIN, ["Ada", "Grace"]],
      ["meeting_started", 60 * MIN, ["Grace", "Ada"]],
      ["meeting_ended", 85 * MIN, ["Grace", "Ada"]],
    ]);

    // And in the usual order, a third meeting under the second room's sid after it emptied.
    await deliver(second.joined(ada.id, 100 * MIN), second.left(ada.id, 101 * MIN), second.finished(101 * MIN + 20));
    expect((await entries(ada, room.id)).map((e) => e.kind)).toEqual([
      "meeting_started",
      "meeting_ended",
      "meeting_started",
      "meeting_ended",
      "meeting_started",
      "meeting_ended",
    ]);
  });

  it("continue, not restart, when someone rejoins the same LiveKit room within a minute of it emptying", async () => {
    const { ada, grace, room, roomName } = await meetingRoom();
    const heard: Array<[string, string]> = [];
    const unsubscribe = await services().posts.subscribe(grace.id, room.id, (event) => {
      if (event.type === "post-created" || event.type === "post-deleted") heard.push([event.type, event.postId]);
    });
    try {
      const m = meeting(roomName, "RM_rejoin");
      await deliver(m.joined(ada.id, 0), m.joined(grace.id, 30), m.left(grace.id, 5 * MIN), m.left(ada.id, 6 * MIN));
      const endedEntry = (await services().posts.page(ada.id, room.id, { limit: 10 })).posts.find((p) => p.kind === "meeting_ended")!;
      expect(endedEntry).toBeDefined();

      // Ada's connection dropped and came back 15 s later, under the same LiveKit room: the same meeting.
      await deliver(m.joined(ada.id, 6 * MIN + 15));
      expect(await entries(ada, room.id)).toEqual([
        { kind: "meeting_started", at: 0, startedAt: 0, endedAt: null, attendees: ["Ada", "Grace"] },
      ]);
      await waitFor(() => heard.some(([type, id]) => type === "post-deleted" && id === endedEntry.id), {
        message: "the taken-back entry was announced",
      });

      await deliver(m.left(ada.id, 9 * MIN));
      expect((await entries(ada, room.id)).map((e) => [e.kind, e.at, e.endedAt])).toEqual([
        ["meeting_started", 0, 9 * MIN],
        ["meeting_ended", 9 * MIN, 9 * MIN],
      ]);
      // Back more than a minute after it emptied: a new meeting.
      await deliver(m.joined(grace.id, 11 * MIN));
      expect((await entries(ada, room.id)).map((e) => [e.kind, e.at])).toEqual([
        ["meeting_started", 0],
        ["meeting_ended", 9 * MIN],
        ["meeting_started", 11 * MIN],
      ]);
    } finally {
      unsubscribe();
    }
  });

  it("start once when several people join at the same moment (webhooks applied concurrently)", async () => {
    const { ada, grace, alanIdentity, room, roomName } = await meetingRoom();
    const m = meeting(roomName, "RM_burst");
    await Promise.all([deliverOne(m.joined(ada.id, 0)), deliverOne(m.joined(grace.id, 0)), deliverOne(m.joined(alanIdentity, 0))]);
    const found = await entries(ada, room.id);
    expect(found.map((e) => e.kind)).toEqual(["meeting_started"]);
    expect([...found[0]!.attendees].sort()).toEqual(["Ada", "Alan (guest)", "Grace"]);
  });

  it("are pushed to the room's live stream, page with posts, and cannot be deleted by anyone", async () => {
    const { ada, grace, room, roomName } = await meetingRoom();
    const heard: string[] = [];
    const unsubscribe = await services().posts.subscribe(grace.id, room.id, (event) => {
      if (event.type === "post-created") heard.push(event.postId);
    });
    try {
      const m = meeting(roomName, "RM_live");
      await services().posts.create(ada.id, room.id, { message: "before the meeting" });
      await deliver(m.joined(ada.id, 0), m.left(ada.id, 60));
      const { posts } = await services().posts.page(ada.id, room.id, { limit: 100 });
      const system = posts.filter((p) => p.kind !== "post");
      expect(system).toHaveLength(2);
      await waitFor(() => system.every((p) => heard.includes(p.id)), { message: "both entries were announced" });

      // Keyset paging walks entries and posts alike, one at a time, each once.
      const seen: string[] = [];
      let before: string | undefined;
      do {
        const page = await services().posts.page(ada.id, room.id, { limit: 1, before });
        seen.push(...page.posts.map((p) => p.id));
        before = page.olderCursor ?? undefined;
      } while (before);
      expect(seen.sort()).toEqual(posts.map((p) => p.id).sort());

      const view = await services().rooms.view(ada.id, room.id);
      expect(view.feed.posts.filter((p) => p.kind !== "post").map((p) => p.mayDelete)).toEqual([false, false]);
      for (const [user, entry] of [
        [ada, system[0]!],
        [grace, system[1]!],
      ] as const) {
        const error = await services()
          .posts.delete(user.id, room.id, entry.id)
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(isDomainError(error, "forbidden"), String(error)).toBe(true);
      }
      expect((await services().posts.page(ada.id, room.id)).posts.filter((p) => p.kind !== "post" && !p.isDeleted)).toHaveLength(2);
    } finally {
      unsubscribe();
    }
  });
});
