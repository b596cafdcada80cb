import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../server/errors";
import type { RoomRole } from "../../server/services/room-permissions";
import type { PublicUser } from "../../server/services/sessions";
import { hashLinkToken } from "../../server/services/tokens";
import { recordingLiveKit } from "../support/fake-livekit";
import { DAY } from "../support/test-clock";
import { queryRows, signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";

// The real composition root on a real database; LiveKit records what it was asked.
const livekit = recordingLiveKit();
let runtime: TestRuntime;
let people: Record<RoomRole, PublicUser>;

beforeAll(async () => {
  // Every case builds its own room and invitations: keep the rate limits out of the way.
  runtime = await startTestRuntime({ livekit, env: { RATE_LIMIT_MULTIPLIER: "1000" } });
  const [owner, moderator, participant, guest] = await Promise.all(
    ["Olive Owner", "Milo Moderator", "Pat Participant", "Gus Outsider"].map((name) =>
      signUpTestUser(runtime, { prefix: "roles", name, verified: true }),
    ),
  );
  people = { owner: owner!, moderator: moderator!, participant: participant!, guest: guest! };
});
afterAll(async () => {
  await runtime?.close();
});

const services = () => runtime.container.services;
const sql = (text: string, replacements: Record<string, unknown> = {}) => queryRows(runtime, text, replacements);
const origin = { ip: "127.0.0.1" };
let sequence = 0;
const stranger = (name: string) => ({ email: `${name.toLowerCase()}.${Date.now().toString(36)}${sequence++}@example.test`, name });

async function participantId(roomId: string, email: string) {
  const [row] = await sql("select id from room_participants where room_id = :roomId and email = :email", { roomId, email });
  return String(row!.id);
}

/** Joins `user` to the room through their emailed invitation, as the real "My invites" does. */
async function joinByInvite(owner: PublicUser, roomId: string, user: PublicUser) {
  await services().participants.add(owner, roomId, { rows: [{ email: user.email, name: user.name }] }, origin);
  const invite = (await services().participants.listReceived(user)).find((i) => i.roomId === roomId)!;
  await services().participants.accept(user, invite.id);
  return participantId(roomId, user.email);
}

/**
 * A room with its owner, a moderator, a participant (all with accounts), two people invited but
 * not joined (Tara, Ivy) and a post each by the participant and the owner. The outsider ("guest") belongs to nothing.
 */
async function roomWithEveryone() {
  const { owner, moderator, participant } = people;
  const room = await services().rooms.create(owner, { name: "Roles", description: null });
  const moderatorId = await joinByInvite(owner, room.id, moderator);
  await services().memberships.setRole(owner.id, room.id, moderatorId, "moderator");
  const participantPid = await joinByInvite(owner, room.id, participant);
  const tara = stranger("Tara");
  const ivy = stranger("Ivy");
  await services().participants.add(owner, room.id, { rows: [tara, ivy] }, origin);
  const post = await services().posts.create(participant.id, room.id, { message: "hello from Pat" });
  const ownerPost = await services().posts.create(owner.id, room.id, { message: "hello from Olive" });
  return {
    room,
    moderatorId,
    participantId: participantPid,
    taraId: await participantId(room.id, tara.email),
    ivyId: await participantId(room.id, ivy.email),
    postId: post.id,
    ownerPostId: ownerPost.id,
  };
}

type Fixture = Awaited<ReturnType<typeof roomWithEveryone>>;

/** Each action of the permission table, done through its service as `actor`. */
const ACTIONS: Record<string, (actor: PublicUser, f: Fixture) => Promise<unknown>> = {
  rename: (actor, f) => services().rooms.update(actor.id, f.room.id, { name: "Renamed", description: null }),
  delete: (actor, f) => services().rooms.delete(actor.id, f.room.id),
  addMembers: (actor, f) => services().participants.add(actor, f.room.id, { rows: [stranger("Newt")] }, origin),
  resendInvite: (actor, f) => services().participants.resendInvite(actor, f.room.id, f.ivyId, origin),
  shareInviteLink: (actor, f) => services().participants.shareInviteLink(actor.id, f.room.id, f.ivyId),
  removeMember: (actor, f) => services().participants.remove(actor.id, f.room.id, f.taraId),
  removeFromMeeting: (actor, f) => services().meetings.removeFromMeeting(actor.id, f.room.id, f.taraId),
  setRole: (actor, f) => services().memberships.setRole(actor.id, f.room.id, f.participantId, "moderator"),
  handOver: (actor, f) => services().memberships.handOver(actor.id, f.room.id, f.participantId),
  leave: (actor, f) => services().memberships.leave(actor.id, f.room.id),
  deleteOwnPost: async (actor, f) => {
    const own = await services().posts.create(actor.id, f.room.id, { message: "mine" });
    return services().posts.delete(actor.id, f.room.id, own.id);
  },
  // Someone else's post: the participant's, or the owner's when the participant acts.
  deleteAnyPost: (actor, f) => services().posts.delete(actor.id, f.room.id, actor.id === people.participant.id ? f.ownerPostId : f.postId),
};

// prettier-ignore
const ALLOWED: Record<Exclude<RoomRole, "guest">, string[]> = {
  owner: ["rename", "delete", "addMembers", "resendInvite", "shareInviteLink", "removeMember", "removeFromMeeting", "setRole", "handOver", "deleteOwnPost", "deleteAnyPost"],
  moderator: ["addMembers", "resendInvite", "shareInviteLink", "removeMember", "removeFromMeeting", "leave", "deleteOwnPost", "deleteAnyPost"],
  participant: ["leave", "deleteOwnPost"],
};

async function outcome(work: Promise<unknown>): Promise<"done" | "forbidden" | "not-found" | string> {
  try {
    await work;
    return "done";
  } catch (error) {
    if (isDomainError(error, "forbidden")) return "forbidden";
    if (isDomainError(error, "not-found")) return "not-found";
    return String(error);
  }
}

describe("the permission table, through the services", () => {
  for (const role of ["owner", "moderator", "participant", "guest"] as const) {
    for (const action of Object.keys(ACTIONS)) {
      // A guest (someone who is not a member) hears that the room does not exist, whatever they try.
      const expected = role === "guest" ? "not-found" : ALLOWED[role].includes(action) ? "done" : "forbidden";
      it(`${role} × ${action}: ${expected}`, async () => {
        const fixture = await roomWithEveryone();
        expect(await outcome(ACTIONS[action]!(people[role], fixture))).toBe(expected);
      });
    }
  }
});

describe("roles", () => {
  it("the owner makes a member a moderator and back; the member's powers follow", async () => {
    const f = await roomWithEveryone();
    const { owner, participant } = people;
    await services().memberships.setRole(owner.id, f.room.id, f.participantId, "moderator");
    expect((await services().rooms.getForMember(participant.id, f.room.id)).permissions).toMatchObject({
      removeMember: true,
      deleteAnyPost: true,
      rename: false,
    });
    await services().memberships.setRole(owner.id, f.room.id, f.participantId, "participant");
    expect((await services().rooms.getForMember(participant.id, f.room.id)).permissions.deleteAnyPost).toBe(false);
  });

  it("gives roles to people who have joined only, and never changes the owner's", async () => {
    const f = await roomWithEveryone();
    const { owner } = people;
    const ownerPid = await participantId(f.room.id, owner.email);
    expect(await outcome(services().memberships.setRole(owner.id, f.room.id, f.ivyId, "moderator"))).toMatch(/not joined/);
    expect(await outcome(services().memberships.setRole(owner.id, f.room.id, ownerPid, "participant"))).toMatch(/someone else/i);
  });

  it("a moderator deletes anyone's post but cannot remove the owner or another moderator", async () => {
    const f = await roomWithEveryone();
    const { owner, moderator } = people;
    await services().posts.delete(moderator.id, f.room.id, f.postId);
    const [post] = await sql("select is_deleted from posts where id = :id", { id: f.postId });
    expect(post!.is_deleted).toBe(true);

    const ownerPid = await participantId(f.room.id, owner.email);
    expect(await outcome(services().participants.remove(moderator.id, f.room.id, ownerPid))).toBe("forbidden");
    await services().memberships.setRole(owner.id, f.room.id, f.participantId, "moderator");
    expect(await outcome(services().participants.remove(moderator.id, f.room.id, f.participantId))).toBe("forbidden");
    expect(await outcome(services().participants.remove(owner.id, f.room.id, f.participantId))).toBe("done");
  });

  it("a moderator takes a member out of the running meeting, who stays in the room", async () => {
    const f = await roomWithEveryone();
    await services().meetings.removeFromMeeting(people.moderator.id, f.room.id, f.participantId);
    expect(livekit.calls).toContain(`removeParticipant parley-${f.room.id} ${people.participant.id}`);
    expect((await services().rooms.getForMember(people.participant.id, f.room.id)).role).toBe("participant");
  });
});

describe("leaving", () => {
  it("a member leaves: the room is gone from their list, and they are taken out of its meeting", async () => {
    const f = await roomWithEveryone();
    const { participant } = people;
    await services().memberships.leave(participant.id, f.room.id);
    expect(await outcome(services().rooms.getForMember(participant.id, f.room.id))).toBe("not-found");
    expect(livekit.calls).toContain(`removeParticipant parley-${f.room.id} ${participant.id}`);
    // Their posts stay in the feed.
    const [post] = await sql("select is_deleted from posts where id = :id", { id: f.postId });
    expect(post!.is_deleted).toBe(false);
  });

  it("the owner cannot leave before handing the room over", async () => {
    const f = await roomWithEveryone();
    const error = await services()
      .memberships.leave(people.owner.id, f.room.id)
      .catch((e: Error) => e);
    expect(String(error)).toMatch(/hand it over/);
  });
});

describe("handing over", () => {
  it("moves the room to a member, who becomes its owner; the former owner becomes a moderator and may then leave", async () => {
    const f = await roomWithEveryone();
    const { owner, participant } = people;
    await services().memberships.handOver(owner.id, f.room.id, f.participantId);

    const [room] = await sql("select owner_id from rooms where id = :id", { id: f.room.id });
    expect(room!.owner_id).toBe(participant.id);
    expect((await services().rooms.getForMember(participant.id, f.room.id)).role).toBe("owner");
    expect((await services().rooms.getForMember(owner.id, f.room.id)).role).toBe("moderator");
    expect(await outcome(services().rooms.update(owner.id, f.room.id, { name: "Mine", description: null }))).toBe("forbidden");
    const owners = await sql("select count(*)::int as n from room_participants where room_id = :id and role = 'owner'", { id: f.room.id });
    expect(owners[0]!.n).toBe(1);

    await services().memberships.leave(owner.id, f.room.id);
    expect(await outcome(services().rooms.getForMember(owner.id, f.room.id))).toBe("not-found");
  });

  it("goes to someone who has joined, never to a pending invitation", async () => {
    const f = await roomWithEveryone();
    expect(await outcome(services().memberships.handOver(people.owner.id, f.room.id, f.ivyId))).toMatch(/not joined/);
  });

  it("two hand-overs at once: one wins, the room has one owner", async () => {
    const f = await roomWithEveryone();
    const { owner } = people;
    const results = await Promise.all([
      outcome(services().memberships.handOver(owner.id, f.room.id, f.participantId)),
      outcome(services().memberships.handOver(owner.id, f.room.id, f.moderatorId)),
    ]);
    expect(results.filter((r) => r === "done")).toHaveLength(1);
    const owners = await sql("select count(*)::int as n from room_participants where room_id = :id and role = 'owner'", { id: f.room.id });
    expect(owners[0]!.n).toBe(1);
  });
});

describe("sharing an invitation link", () => {
  it("issues a fresh link valid for 7 days, voids the emailed one, and stores only the new token's hash", async () => {
    const f = await roomWithEveryone();
    const [before] = await sql("select token_hash from invites where participant_id = :id and status = 'pending'", { id: f.ivyId });
    runtime.clock.advance(3 * DAY);
    const share = await services().participants.shareInviteLink(people.moderator.id, f.room.id, f.ivyId);

    const token = new URL(share.url).searchParams.get("token")!;
    expect(share.url).toBe(`${runtime.config.appUrl}/room/${f.room.id}/join?token=${token}`);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(share.expiresAt.getTime() - runtime.clock.now().getTime()).toBe(7 * DAY);

    const rows = await sql("select token_hash, status from invites where participant_id = :id", { id: f.ivyId });
    expect(rows).toEqual([{ token_hash: hashLinkToken(token), status: "pending" }]);
    expect(rows[0]!.token_hash).not.toBe(before!.token_hash);
    expect(JSON.stringify(await sql("select * from invites"))).not.toContain(token);

    expect((await services().meetings.openInviteLink(f.room.id, token)).state).toBe("open");
    const second = await services().participants.shareInviteLink(people.owner.id, f.room.id, f.ivyId);
    expect((await services().meetings.openInviteLink(f.room.id, token)).state).toBe("invalid");
    expect((await services().meetings.openInviteLink(f.room.id, new URL(second.url).searchParams.get("token")!)).state).toBe("open");
  });

  it("is only for people who have not joined", async () => {
    const f = await roomWithEveryone();
    expect(await outcome(services().participants.shareInviteLink(people.owner.id, f.room.id, f.participantId))).toMatch(/already joined/);
  });
});
