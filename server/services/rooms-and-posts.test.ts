import { describe, expect, it } from "vitest";
import { recordingLiveKit } from "../../tests/support/fake-livekit";
import {
  immediateTransaction,
  inMemoryPosts,
  inMemoryRateCounters,
  inMemoryParticipants,
  inMemoryRooms,
  noMentions,
  recordingRoomEvents,
  silentLogger,
} from "../../tests/support/in-memory";
import { createTestClock, HOUR, MINUTE } from "../../tests/support/test-clock";
import { POSTS_PER_PAGE, createPostsService } from "./posts";
import { createRateLimiter } from "./rate-limits";
import { permissionsFor } from "./room-permissions";
import { MEMBERS_LIST_LIMIT, createRoomsService } from "./rooms";

const owner = { id: crypto.randomUUID(), username: "owner", email: "owner@example.test", name: "Owner", emailVerified: true };
const member = { id: crypto.randomUUID(), username: "member", email: "member@example.test", name: "Member", emailVerified: true };
const stranger = { id: crypto.randomUUID(), username: "stranger", email: "stranger@example.test", name: "Stranger", emailVerified: true };

function setup(options: { livekitDown?: boolean } = {}) {
  const clock = createTestClock();
  const rooms = inMemoryRooms(clock);
  const posts = inMemoryPosts(rooms);
  const events = recordingRoomEvents();
  const livekit = recordingLiveKit({ down: options.livekitDown });
  const rateLimiter = createRateLimiter(inMemoryRateCounters(clock));
  const roomsService = createRoomsService({
    rooms,
    participants: inMemoryParticipants(rooms, clock),
    posts,
    livekit,
    rateLimiter,
    transaction: immediateTransaction,
    clock,
    logger: silentLogger,
  });
  const postsService = createPostsService({
    posts,
    rooms,
    roomsService,
    events,
    mentions: noMentions,
    rateLimiter,
    transaction: immediateTransaction,
    clock,
  });
  return { clock, rooms, posts, events, livekit, roomsService, postsService };
}

async function roomWithMember(s: ReturnType<typeof setup>) {
  const room = await s.roomsService.create(owner, { name: "Team", description: null });
  s.rooms.members.push({ roomId: room.id, userId: member.id, role: "participant", email: member.email, name: member.name } as never);
  return room;
}

describe("rooms service", () => {
  it("creates the LiveKit room and keeps its sid", async () => {
    const s = setup();
    const room = await s.roomsService.create(owner, { name: "Team", description: null });
    expect(room.roomSid).toBe(`RM_parley-${room.id}`);
    expect(s.livekit.calls).toEqual([`ensureRoom parley-${room.id}`]);
  });

  it("lists at most MEMBERS_LIST_LIMIT members, the owner first", async () => {
    const s = setup();
    const room = await s.roomsService.create(owner, { name: "Crowd", description: null });
    for (let i = 0; i < MEMBERS_LIST_LIMIT; i++) {
      s.rooms.members.push({
        roomId: room.id,
        userId: crypto.randomUUID(),
        role: "participant",
        email: `m${i}@example.test`,
        name: `M${i}`,
      } as never);
    }
    const members = await s.roomsService.listMembers(owner.id, room.id);
    expect(MEMBERS_LIST_LIMIT).toBe(500);
    expect(members).toHaveLength(MEMBERS_LIST_LIMIT);
    expect(members[0]!.role).toBe("owner");
  });

  it("still creates and deletes rooms while LiveKit is down", async () => {
    const s = setup({ livekitDown: true });
    const room = await s.roomsService.create(owner, { name: "Team", description: null });
    expect(room.roomSid).toBeNull();
    await s.roomsService.delete(owner.id, room.id);
    expect(s.rooms.rooms).toHaveLength(0);
  });

  it("answers not-found alike for a stranger, a missing room and a malformed id", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    for (const id of [room.id, crypto.randomUUID(), "../etc/passwd", undefined]) {
      await expect(s.roomsService.getForMember(stranger.id, id)).rejects.toMatchObject({ kind: "not-found" });
    }
  });

  it("lets only the owner rename or delete", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    await expect(s.roomsService.update(member.id, room.id, { name: "x", description: null })).rejects.toMatchObject({ kind: "forbidden" });
    await expect(s.roomsService.delete(member.id, room.id)).rejects.toMatchObject({ kind: "forbidden" });
    await s.roomsService.update(owner.id, room.id, { name: "Renamed", description: "d" });
    expect(s.rooms.rooms[0]).toMatchObject({ name: "Renamed", description: "d" });
  });
});

describe("the room page (rooms.view)", () => {
  it("tells each member what they may do, on the page, on each post and on each person", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    const moderator = { ...member, id: crypto.randomUUID(), email: "mod@example.test", name: "Moderator" };
    s.rooms.members.push({
      roomId: room.id,
      userId: moderator.id,
      role: "moderator",
      email: moderator.email,
      name: moderator.name,
    } as never);
    s.rooms.members.push({ roomId: room.id, userId: null, role: "participant", email: "invited@example.test", name: "Invited" } as never);
    await s.postsService.create(member.id, room.id, { message: "by the member" });
    s.clock.advance(1); // distinct times fix the feed's order (equal times tie on random ids)
    await s.postsService.create(owner.id, room.id, { message: "by the owner" });

    const seenBy = async (viewer: { id: string }) => {
      const { access, feed, members } = await s.roomsService.view(viewer.id, room.id, { withMembers: true });
      return {
        permissions: access.permissions,
        deletable: feed.posts.filter((p) => p.mayDelete).map((p) => p.message),
        removable: members!.filter((m) => m.mayRemove).map((m) => m.name),
        resendable: members!.filter((m) => m.mayResendInvite).map((m) => m.name),
        linkable: members!.filter((m) => m.mayShareInviteLink).map((m) => m.name),
        roleable: members!.filter((m) => m.maySetRole).map((m) => m.name),
        heirs: members!.filter((m) => m.mayReceiveRoom).map((m) => m.name),
      };
    };
    expect(await seenBy(owner)).toEqual({
      permissions: permissionsFor("owner"),
      deletable: ["by the member", "by the owner"],
      removable: ["Invited", "Member", "Moderator"], // the owner first, then by name
      resendable: ["Invited"],
      linkable: ["Invited"],
      roleable: ["Member", "Moderator"],
      heirs: ["Member", "Moderator"],
    });
    // A moderator deletes any post and removes members, but not the owner or a fellow moderator.
    expect(await seenBy(moderator)).toEqual({
      permissions: permissionsFor("moderator"),
      deletable: ["by the member", "by the owner"],
      removable: ["Invited", "Member"],
      resendable: ["Invited"],
      linkable: ["Invited"],
      roleable: [],
      heirs: [],
    });
    expect(await seenBy(member)).toEqual({
      permissions: permissionsFor("participant"),
      deletable: ["by the member"],
      removable: [],
      resendable: [],
      linkable: [],
      roleable: [],
      heirs: [],
    });
    await expect(s.roomsService.view(stranger.id, room.id)).rejects.toMatchObject({ kind: "not-found" });
    expect((await s.roomsService.view(owner.id, room.id)).members).toBeNull();
  });
});

describe("posts service", () => {
  it("posts for members only, touches the room and announces the post", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    s.clock.advance(60_000);
    const post = await s.postsService.create(member.id, room.id, { message: "hello" });
    expect(s.rooms.rooms[0]!.lastActivityAt).toEqual(s.clock.now());
    expect(s.events.published).toEqual([{ type: "post-created", roomId: room.id, postId: post.id, mentions: [] }]);
    await expect(s.postsService.create(stranger.id, room.id, { message: "hi" })).rejects.toMatchObject({ kind: "not-found" });
  });

  it("deletes for the author and the owner, not for another member", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    const mine = await s.postsService.create(owner.id, room.id, { message: "owner's" });
    const theirs = await s.postsService.create(member.id, room.id, { message: "member's" });
    await expect(s.postsService.delete(member.id, room.id, mine.id)).rejects.toMatchObject({ kind: "forbidden" });
    await s.postsService.delete(owner.id, room.id, theirs.id);
    await s.postsService.delete(owner.id, room.id, mine.id);
    expect(s.posts.all.every((p) => p.isDeleted)).toBe(true);
    await expect(s.postsService.delete(owner.id, room.id, crypto.randomUUID())).rejects.toMatchObject({ kind: "not-found" });
  });

  it("edits for the author only, records when, announces it, and never revives a deleted post", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    const mine = await s.postsService.create(member.id, room.id, { message: "helo" });
    s.clock.advance(MINUTE);
    const edited = await s.postsService.edit(member.id, room.id, mine.id, { message: "hello" });
    expect(edited).toMatchObject({ id: mine.id, message: "hello", editedAt: s.clock.now() });
    expect(s.events.published.at(-1)).toEqual({ type: "post-edited", roomId: room.id, postId: mine.id, mentions: [] });

    // Not the owner either: only the author's words are theirs to change.
    await expect(s.postsService.edit(owner.id, room.id, mine.id, { message: "owned" })).rejects.toMatchObject({ kind: "forbidden" });
    await expect(s.postsService.edit(stranger.id, room.id, mine.id, { message: "x" })).rejects.toMatchObject({ kind: "not-found" });
    await expect(s.postsService.edit(member.id, room.id, crypto.randomUUID(), { message: "x" })).rejects.toMatchObject({
      kind: "not-found",
    });
    await s.postsService.delete(member.id, room.id, mine.id);
    await expect(s.postsService.edit(member.id, room.id, mine.id, { message: "back" })).rejects.toMatchObject({ kind: "conflict" });
    expect(s.posts.all.find((p) => p.id === mine.id)).toMatchObject({ isDeleted: true, message: "hello" });
  });

  it("shows on the room page which posts the viewer may edit: their own, not deleted", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    await s.postsService.create(owner.id, room.id, { message: "owner's" });
    await s.postsService.create(member.id, room.id, { message: "member's" });
    const gone = await s.postsService.create(member.id, room.id, { message: "gone" });
    await s.postsService.delete(member.id, room.id, gone.id);
    const { feed } = await s.roomsService.view(member.id, room.id);
    expect(feed.posts.filter((p) => p.mayEdit).map((p) => p.message)).toEqual(["member's"]);
  });

  it("keeps one reaction per emoji per person: pressing again takes it back; the feed counts them in order", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    const post = await s.postsService.create(owner.id, room.id, { message: "ship it" });
    expect(await s.postsService.react(member.id, room.id, post.id, "🎉")).toEqual({ emoji: "🎉", reacted: true });
    await s.postsService.react(owner.id, room.id, post.id, "👍");
    await s.postsService.react(member.id, room.id, post.id, "👍");
    expect(await s.postsService.react(member.id, room.id, post.id, "👍")).toEqual({ emoji: "👍", reacted: false });
    await s.postsService.react(member.id, room.id, post.id, "👍");
    expect(s.posts.reactions).toHaveLength(3);
    expect(s.events.published.at(-1)).toEqual({ type: "post-reactions", roomId: room.id, postId: post.id });

    const { feed } = await s.roomsService.view(member.id, room.id);
    expect(feed.posts[0]!.reactions).toEqual([
      { emoji: "👍", count: 2, mine: true },
      { emoji: "🎉", count: 1, mine: true },
    ]);
    const ownersPage = await s.postsService.page(owner.id, room.id);
    expect(ownersPage.posts[0]!.reactions).toEqual([
      { emoji: "👍", count: 2, mine: true },
      { emoji: "🎉", count: 1, mine: false },
    ]);

    await expect(s.postsService.react(stranger.id, room.id, post.id, "👍")).rejects.toMatchObject({ kind: "not-found" });
    await s.postsService.delete(owner.id, room.id, post.id);
    await expect(s.postsService.react(member.id, room.id, post.id, "👀")).rejects.toMatchObject({ kind: "conflict" });
  });

  it("pages: oldest first within a page, a cursor only when older posts remain, ties broken by id", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    for (let i = 0; i < POSTS_PER_PAGE + 5; i++) {
      if (i % 2 === 0) s.clock.advance(1000); // pairs share a timestamp
      await s.postsService.create(owner.id, room.id, { message: `m${i}` });
    }
    const first = await s.postsService.page(owner.id, room.id);
    expect(first.posts).toHaveLength(POSTS_PER_PAGE);
    expect(first.posts.at(-1)!.message).toBe(`m${POSTS_PER_PAGE + 4}`);
    expect(first.olderCursor).not.toBeNull();
    const second = await s.postsService.page(owner.id, room.id, { before: first.olderCursor! });
    expect(second.olderCursor).toBeNull();
    const ids = [...second.posts, ...first.posts].map((p) => p.id);
    expect(new Set(ids).size).toBe(POSTS_PER_PAGE + 5);
  });

  it("refuses a forged cursor", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    for (const before of [
      "nonsense",
      Buffer.from("2026-01-01T00:00:00Z|not-a-uuid").toString("base64url"),
      Buffer.from("yesterday|" + room.id).toString("base64url"),
    ]) {
      await expect(s.postsService.page(owner.id, room.id, { before })).rejects.toMatchObject({ kind: "validation" });
    }
  });

  it("lets members, and only members, listen to a room", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    const heard: string[] = [];
    const stop = await s.postsService.subscribe(member.id, room.id, (e) => heard.push(e.type));
    await expect(s.postsService.subscribe(stranger.id, room.id, () => undefined)).rejects.toMatchObject({ kind: "not-found" });
    await s.postsService.create(owner.id, room.id, { message: "x" });
    stop();
    await s.postsService.create(owner.id, room.id, { message: "y" });
    expect(heard).toEqual(["post-created"]);
  });
});

describe("posting and room creation limits", () => {
  it("one person creates at most 30 rooms an hour; the 31st is refused with a Retry-After and not created", async () => {
    const s = setup();
    for (let i = 0; i < 30; i++) await s.roomsService.create(owner, { name: `Room ${i}`, description: null });
    const refused = await s.roomsService.create(owner, { name: "One too many", description: null }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "rate-limited", retryAfterSeconds: expect.any(Number) });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(s.rooms.rooms).toHaveLength(30);
    await expect(s.roomsService.create(member, { name: "Someone else's", description: null })).resolves.toBeDefined();
    s.clock.advance(HOUR);
    await expect(s.roomsService.create(owner, { name: "Next hour", description: null })).resolves.toBeDefined();
  });

  it("one person posts at most 60 times a minute; the 61st is refused with a Retry-After, not stored and not announced", async () => {
    const s = setup();
    const room = await roomWithMember(s);
    for (let i = 0; i < 60; i++) await s.postsService.create(member.id, room.id, { message: `post ${i}` });
    const refused = await s.postsService.create(member.id, room.id, { message: "one too many" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "rate-limited", retryAfterSeconds: expect.any(Number) });
    expect(s.posts.all).toHaveLength(60);
    expect(s.events.published).toHaveLength(60);
    await expect(s.postsService.create(owner.id, room.id, { message: "the owner still can" })).resolves.toBeDefined();
    s.clock.advance(MINUTE);
    await expect(s.postsService.create(member.id, room.id, { message: "a minute later" })).resolves.toBeDefined();
  });
});
