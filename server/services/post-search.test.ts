import { describe, expect, it } from "vitest";
import { recordingLiveKit } from "../../tests/support/fake-livekit";
import {
  immediateTransaction,
  inMemoryParticipants,
  inMemoryPosts,
  inMemoryRateCounters,
  inMemoryRooms,
  silentLogger,
} from "../../tests/support/in-memory";
import { createTestClock, MINUTE } from "../../tests/support/test-clock";
import { createPostSearchService, RESULTS_PER_PAGE } from "./post-search";
import { readFeedPage } from "./posts";
import { createRateLimiter } from "./rate-limits";
import { createRoomsService } from "./rooms";

const owner = { id: crypto.randomUUID(), username: "owner", email: "owner@example.test", name: "Owner", emailVerified: true };
const stranger = { id: crypto.randomUUID(), username: "stranger", email: "stranger@example.test", name: "Stranger", emailVerified: true };

async function setup() {
  const clock = createTestClock();
  const rooms = inMemoryRooms(clock);
  const posts = inMemoryPosts(rooms);
  const roomsService = createRoomsService({
    rooms,
    participants: inMemoryParticipants(rooms, clock),
    posts,
    livekit: recordingLiveKit(),
    rateLimiter: createRateLimiter(inMemoryRateCounters(clock)),
    transaction: immediateTransaction,
    clock,
    logger: silentLogger,
  });
  const room = await roomsService.create(owner, { name: "Team", description: null });
  const say = async (message: string) => {
    clock.advance(MINUTE);
    return posts.create({ roomId: room.id, creatorId: owner.id, message, createdAt: clock.now() });
  };
  return { posts, room, say, roomsService, search: createPostSearchService({ posts, roomsService }) };
}

describe("post search service", () => {
  it("finds the room's posts holding every word, newest first, and says which words it looked for", async () => {
    const s = await setup();
    await s.say("Launch plan");
    await s.say("lunch");
    await s.say("the plan for the launch");
    const page = await s.search.search(owner.id, s.room.id, { q: "  PLAN launch plan " });
    expect(page.posts.map((p) => p.message)).toEqual(["the plan for the launch", "Launch plan"]);
    expect(page.words).toEqual(["plan", "launch"]);
    expect(page.olderCursor).toBeNull();
  });

  it("is for members only: anyone else gets the not-found of a room that does not exist", async () => {
    const s = await setup();
    await s.say("secret plan");
    await expect(s.search.search(stranger.id, s.room.id, { q: "plan" })).rejects.toMatchObject({ kind: "not-found" });
    await expect(s.search.search(stranger.id, crypto.randomUUID(), { q: "plan" })).rejects.toMatchObject({ kind: "not-found" });
  });

  it.each([
    ["x", "Search for at least 2 characters"],
    ["   ", "Search for at least 2 characters"],
    ["y".repeat(101), "Search for at most 100 characters"],
    ["a b c d e f g", "Search for at most 6 words"],
  ])("refuses q=%j with a message by the field", async (q, message) => {
    const s = await setup();
    await expect(s.search.search(owner.id, s.room.id, { q })).rejects.toMatchObject({ kind: "validation", fields: { q: [message] } });
  });

  it("pages results by keyset, RESULTS_PER_PAGE at a time", async () => {
    const s = await setup();
    for (let i = 1; i <= RESULTS_PER_PAGE + 3; i++) await s.say(`note ${i}`);
    const first = await s.search.search(owner.id, s.room.id, { q: "note" });
    expect(first.posts).toHaveLength(RESULTS_PER_PAGE);
    const rest = await s.search.search(owner.id, s.room.id, { q: "note", before: first.olderCursor! });
    expect(rest.posts.map((p) => p.message)).toEqual(["note 3", "note 2", "note 1"]);
    expect(rest.olderCursor).toBeNull();
  });

  it("a result's place in the feed: the page that ends with it; a post of no such room gives the newest page", async () => {
    const s = await setup();
    const posts = [];
    for (let i = 1; i <= 60; i++) posts.push(await s.say(`post ${i}`));
    const page = await readFeedPage(s.posts, s.room.id, { at: posts[9]!.id });
    expect(page.posts.map((p) => p.message)).toEqual(Array.from({ length: 10 }, (_, i) => `post ${i + 1}`));
    expect(page.olderCursor).toBeNull();
    const newest = await readFeedPage(s.posts, s.room.id, { at: crypto.randomUUID() });
    expect(newest.posts.at(-1)!.message).toBe("post 60");
  });
});
