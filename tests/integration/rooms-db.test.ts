import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTS_PER_PAGE } from "../../server/services/posts";
import type { PublicUser } from "../../server/services/sessions";
import { recordingLiveKit } from "../support/fake-livekit";
import { postForm, rawRequest } from "../support/http-client";
import { startTestServer } from "../support/test-server";
import { signUpByForm } from "../support/http-accounts";

const livekit = recordingLiveKit();
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  // Each sign-up comes from its own (proxied) address, so the per-IP sign-up limit stays out of the way.
  server = await startTestServer({ livekit, env: { TRUST_PROXY: "loopback" } });
});
afterAll(async () => {
  await server?.close();
});

const services = () => server.runtime.container.services;

async function newUser(): Promise<PublicUser & { cookie: string }> {
  const { email, cookie } = await signUpByForm(server.url);
  const [user] = await sql("select id, username, email, name from users where email = :email", { email });
  return { ...(user as unknown as PublicUser), cookie };
}

async function sql(text: string, replacements: Record<string, unknown> = {}) {
  const [rows] = await server.runtime.sequelize.query(text, { replacements });
  return rows as Array<Record<string, unknown>>;
}

async function addMember(roomId: string, user: PublicUser) {
  await sql("insert into room_participants (room_id, user_id, email, name) values (:roomId, :userId, :email, :name)", {
    roomId,
    userId: user.id,
    email: user.email,
    name: user.name,
  });
}

/** Counts the SQL statements Sequelize runs while `work` runs. */
async function countQueries(work: () => Promise<unknown>) {
  const sequelize = server.runtime.sequelize as unknown as { options: { logging: unknown } };
  const statements: string[] = [];
  const previous = sequelize.options.logging;
  sequelize.options.logging = (statement: string) => void statements.push(statement);
  try {
    await work();
  } finally {
    sequelize.options.logging = previous;
  }
  return statements;
}

describe("rooms", () => {
  it("creating one makes the owner its first member and its LiveKit room", async () => {
    const owner = await newUser();
    const room = await services().rooms.create(owner, { name: "Planning", description: null });
    expect(livekit.calls).toContain(`ensureRoom parley-${room.id}`);
    expect(room.roomSid).toBe(`RM_parley-${room.id}`);
    const members = await services().rooms.listMembers(owner.id, room.id);
    expect(members).toMatchObject([{ userId: owner.id, role: "owner", email: owner.email }]);
  });

  it("with LiveKit down, creating and deleting a room still work", async () => {
    const owner = await newUser();
    livekit.down = true;
    try {
      const room = await services().rooms.create(owner, { name: "Offline", description: null });
      expect(room.roomSid).toBeNull();
      await services().rooms.delete(owner.id, room.id);
      await expect(services().rooms.getForMember(owner.id, room.id)).rejects.toMatchObject({ kind: "not-found" });
    } finally {
      livekit.down = false;
    }
  });

  it("a non-member gets the same not-found as for a room that does not exist", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const room = await services().rooms.create(owner, { name: "Secret", description: null });
    await expect(services().rooms.getForMember(stranger.id, room.id)).rejects.toMatchObject({ kind: "not-found" });
    await expect(services().rooms.getForMember(stranger.id, "00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({
      kind: "not-found",
    });
    await expect(services().rooms.getForMember(stranger.id, "not-a-uuid")).rejects.toMatchObject({ kind: "not-found" });
    await expect(services().posts.create(stranger.id, room.id, { message: "hi" })).rejects.toMatchObject({ kind: "not-found" });
    await expect(services().rooms.delete(stranger.id, room.id)).rejects.toMatchObject({ kind: "not-found" });
  });

  it("only the owner renames or deletes it; a member gets 403 over HTTP", async () => {
    const owner = await newUser();
    const member = await newUser();
    const room = await services().rooms.create(owner, { name: "Owned", description: null });
    await addMember(room.id, member);
    await expect(services().rooms.update(member.id, room.id, { name: "Mine now", description: null })).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(services().rooms.delete(member.id, room.id)).rejects.toMatchObject({ kind: "forbidden" });
    const settings = await rawRequest(`${server.url}/room/${room.id}/settings`, { headers: { Cookie: member.cookie } });
    expect(settings.status).toBe(403);
    const del = await postForm(server.url, `/room/${room.id}/settings`, { intent: "delete", confirm: "yes" }, { Cookie: member.cookie });
    expect(del.status).toBe(403);
  });

  it("search matches name or description ignoring case, with % and _ taken literally", async () => {
    const owner = await newUser();
    await services().rooms.create(owner, { name: "Quarterly Roadmap", description: null });
    await services().rooms.create(owner, { name: "Coffee", description: "Where the ROADMAP gossip happens" });
    await services().rooms.create(owner, { name: "100% done", description: null });
    const names = async (q: string) => (await services().rooms.listMine(owner.id, { q })).rooms.map((r) => r.name).sort();
    expect(await names("roadmap")).toEqual(["Coffee", "Quarterly Roadmap"]);
    expect(await names("100%")).toEqual(["100% done"]);
    expect(await names("%")).toEqual(["100% done"]);
  });
});

describe("the feed", () => {
  it("pages backwards by keyset: 50 at a time, ties on time broken by id, nothing skipped or repeated", async () => {
    const owner = await newUser();
    const room = await services().rooms.create(owner, { name: "Busy", description: null });
    // 120 posts, in pairs that share a timestamp.
    await sql(
      `insert into posts (room_id, creator_id, message, created_at)
       select :roomId, :userId, 'post ' || n, now() - interval '1 hour' + (n / 2) * interval '1 second' from generate_series(1, 120) n`,
      { roomId: room.id, userId: owner.id },
    );
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await services().posts.page(owner.id, room.id, { before });
      expect(page.posts.length).toBeLessThanOrEqual(POSTS_PER_PAGE);
      seen.unshift(...page.posts.map((p) => p.id));
      before = page.olderCursor ?? undefined;
      pages += 1;
    } while (before);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
  });

  it("exactly one page of posts has no link to older ones; a bad cursor is a 400, not a 500", async () => {
    const owner = await newUser();
    const room = await services().rooms.create(owner, { name: "Exact", description: null });
    await sql("insert into posts (room_id, creator_id, message) select :roomId, :userId, 'post ' || n from generate_series(1, :count) n", {
      roomId: room.id,
      userId: owner.id,
      count: POSTS_PER_PAGE,
    });
    expect((await services().posts.page(owner.id, room.id)).olderCursor).toBeNull();
    await expect(services().posts.page(owner.id, room.id, { before: "garbage" })).rejects.toMatchObject({ kind: "validation" });
    const response = await rawRequest(`${server.url}/room/${room.id}?before=garbage`, { headers: { Cookie: owner.cookie } });
    expect(response.status).toBe(400);
  });

  it("authors delete their posts, the owner any post, other members none", async () => {
    const owner = await newUser();
    const author = await newUser();
    const other = await newUser();
    const room = await services().rooms.create(owner, { name: "Moderated", description: null });
    await addMember(room.id, author);
    await addMember(room.id, other);
    const first = await services().posts.create(author.id, room.id, { message: "mine" });
    const second = await services().posts.create(author.id, room.id, { message: "also mine" });
    await expect(services().posts.delete(other.id, room.id, first.id)).rejects.toMatchObject({ kind: "forbidden" });
    await services().posts.delete(author.id, room.id, first.id);
    await services().posts.delete(owner.id, room.id, second.id);
    const page = await services().posts.page(owner.id, room.id);
    expect(page.posts.map((p) => [p.isDeleted, p.message])).toEqual([
      [true, ""],
      [true, ""],
    ]);
  });

  it("a member hears of a new post through the room's events; a non-member cannot listen", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const room = await services().rooms.create(owner, { name: "Live", description: null });
    const heard: string[] = [];
    const unsubscribe = await services().posts.subscribe(owner.id, room.id, (event) => heard.push(event.type));
    await expect(services().posts.subscribe(stranger.id, room.id, () => undefined)).rejects.toMatchObject({ kind: "not-found" });
    await services().posts.create(owner.id, room.id, { message: "ping" });
    await expect.poll(() => heard, { timeout: 3000 }).toEqual(["post-created"]);
    unsubscribe();
  });
});

describe("queries per page", () => {
  it("the room page makes at most 4 SQL queries with 500 posts and 50 members", async () => {
    const owner = await newUser();
    const room = await services().rooms.create(owner, { name: "Big", description: "lots" });
    await sql("insert into posts (room_id, creator_id, message) select :roomId, :userId, 'post ' || n from generate_series(1, 500) n", {
      roomId: room.id,
      userId: owner.id,
    });
    await sql(
      "insert into room_participants (room_id, email, name) select :roomId, 'm' || n || '@example.test', 'Member ' || n from generate_series(1, 49) n",
      { roomId: room.id },
    );
    let response: Awaited<ReturnType<typeof rawRequest>> | undefined;
    const statements = await countQueries(async () => {
      response = await rawRequest(`${server.url}/room/${room.id}?members=open`, { headers: { Cookie: owner.cookie } });
    });
    expect(response!.status).toBe(200);
    expect(response!.body).toContain("Member 49");
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(4);
  });

  it("my rooms makes at most 4 SQL queries with 200 rooms", async () => {
    const owner = await newUser();
    await sql(
      `with created as (
         insert into rooms (room_name, owner_id) select 'Room ' || n, :userId from generate_series(1, 200) n returning id)
       insert into room_participants (room_id, user_id, email, name, role) select id, :userId, :email, :name, 'owner' from created`,
      { userId: owner.id, email: owner.email, name: owner.name },
    );
    const statements = await countQueries(async () => {
      const response = await rawRequest(`${server.url}/home`, { headers: { Cookie: owner.cookie } });
      expect(response.status).toBe(200);
    });
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(4);
  });
});
