import { describe, expect, it } from "vitest";
import { documentedServerForFile } from "../support/documented-server";
import type { PublicUser } from "../../server/services/sessions";
import { UNREAD_COUNT_CAP } from "../../server/services/unread";
import { bodyOf } from "../support/api-client";
import { signUpByForm } from "../support/http-accounts";
import { rawRequest } from "../support/http-client";
import { explainAsRun, recordingStatements } from "../support/explain-as-run";
import { countQueries } from "../support/query-counter";
import { newUserData } from "../support/user-factory";

// Unread (issue 15) over the real HTTP server and database: My rooms' counts, the room page's
// "New" divider and its marking the room read, the JSON API, and the queries each page makes.
// Each sign-up comes from its own (proxied) address, so the per-IP sign-up limit stays out of the way.
const file = documentedServerForFile({ env: { TRUST_PROXY: "loopback" } });

const services = () => file.server.runtime.container.services;

async function sql(text: string, replacements: Record<string, unknown> = {}) {
  const [rows] = await file.server.runtime.sequelize.query(text, { replacements });
  return rows as Array<Record<string, unknown>>;
}

async function person(): Promise<PublicUser & { cookie: string }> {
  const { email, cookie } = await signUpByForm(file.server.url, { prefix: "unread" });
  const [user] = await sql("select id, username, email, name from users where email = :email", { email });
  return { ...(user as unknown as PublicUser), cookie };
}

/** A member added as the tests elsewhere add one: a row with no read point (nothing read). */
async function addMember(roomId: string, user: { id: string; email: string; name: string }) {
  await sql("insert into room_participants (room_id, user_id, email, name) values (:roomId, :userId, :email, :name)", {
    roomId,
    userId: user.id,
    email: user.email,
    name: user.name,
  });
}

/** A post a second after the one before (the test clock stands still otherwise). */
async function say(userId: string, roomId: string, message: string) {
  file.server.runtime.clock.advance(1000);
  return services().posts.create(userId, roomId, { message });
}

const page = (path: string, cookie: string) => rawRequest(`${file.server.url}${path}`, { headers: { Cookie: cookie } });
const unreadOf = async (userId: string, roomId: string) =>
  (await services().rooms.listMine(userId)).rooms.find((room) => room.id === roomId)!;
const mention = (postId: string, userId: string, roomId: string) =>
  sql(
    "insert into post_mentions (post_id, user_id, room_id, created_at) select id, :userId, room_id, created_at from posts where id = :postId on conflict do nothing",
    {
      postId,
      userId,
      roomId,
    },
  );
interface PlanNode {
  "Relation Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

const DIVIDER = 'role="separator" aria-label="New posts"';

describe("the pages, without JavaScript", () => {
  it("My rooms shows others' unread posts and, apart, mentions; the room shows New above the first; viewing it marks it read", async () => {
    const ada = await person();
    const bo = await person();
    const room = await services().rooms.create(ada, { name: "Launch", description: null });
    await addMember(room.id, bo);
    await say(ada.id, room.id, "Ada was here first");
    await page(`/room/${room.id}`, ada.cookie);
    // The posts service records whom a post names: Bo's post names Ada.
    const fromBo = await say(bo.id, room.id, "Bo says hello @" + ada.username);
    // It never records one's own name; a row that says so anyway must still not count.
    const ownMention = await say(ada.id, room.id, "me, @" + ada.username);
    await mention(ownMention.id, ada.id, room.id);

    const home = await page("/home", ada.cookie);
    expect(home.body).toContain(">1 unread<");
    expect(home.body).toContain(">1 mention<");
    // Bo's row was added with nothing read: Ada's two posts are new to him, his own one is not.
    expect((await page("/home", bo.cookie)).body).toContain("2 unread");

    const opened = await page(`/room/${room.id}`, ada.cookie);
    expect(opened.status).toBe(200);
    const divider = opened.body.indexOf(DIVIDER);
    expect(divider).toBeGreaterThan(opened.body.indexOf("Ada was here first"));
    expect(divider).toBeLessThan(opened.body.indexOf(`id="post-${fromBo.id}"`));

    const after = await page("/home", ada.cookie);
    expect(after.body).not.toMatch(/>\d+\+? unread</);
    expect(after.body).not.toMatch(/>\d+\+? mentions?</);
    expect((await page(`/room/${room.id}`, ada.cookie)).body).not.toContain(DIVIDER);
  });

  it("counts stop at 100 (99+) and hold across keyset pages: an older page marks nothing, the newest marks all", async () => {
    const ada = await person();
    const bo = await person();
    const room = await services().rooms.create(ada, { name: "Busy", description: null });
    await addMember(room.id, bo);
    await say(ada.id, room.id, "start");
    await page(`/room/${room.id}`, ada.cookie);
    await sql(
      `insert into posts (room_id, creator_id, message, created_at)
       select :roomId, :userId, 'bo ' || n, :at::timestamptz + n * interval '1 second' from generate_series(1, 120) n`,
      { roomId: room.id, userId: bo.id, at: file.server.runtime.clock.now() },
    );
    file.server.runtime.clock.advance(121_000);
    expect((await unreadOf(ada.id, room.id)).unreadCount).toBe(100);
    expect((await page("/home", ada.cookie)).body).toContain("99+ unread");

    const { olderCursor } = await services().posts.page(ada.id, room.id);
    const older = await page(`/room/${room.id}?before=${olderCursor}`, ada.cookie);
    expect(older.body).toContain(DIVIDER);
    expect(older.body.indexOf(DIVIDER)).toBeLessThan(older.body.indexOf(">bo 21<"));
    expect((await unreadOf(ada.id, room.id)).unreadCount).toBe(100);

    await page(`/room/${room.id}`, ada.cookie);
    expect((await unreadOf(ada.id, room.id)).unreadCount).toBe(0);
    const deleted = await say(bo.id, room.id, "oops");
    await services().posts.delete(bo.id, room.id, deleted.id);
    await say(bo.id, room.id, "one more");
    expect(await unreadOf(ada.id, room.id)).toMatchObject({ unreadCount: 1, unreadMentionCount: 0 });
  });
});

describe("queries per page", () => {
  it("the room page, marking the room read with the member list open, makes at most 4 SQL queries", async () => {
    const ada = await person();
    const bo = await person();
    const room = await services().rooms.create(ada, { name: "Counted", description: null });
    await addMember(room.id, bo);
    await sql("insert into posts (room_id, creator_id, message) select :roomId, :userId, 'post ' || n from generate_series(1, 80) n", {
      roomId: room.id,
      userId: bo.id,
    });
    expect((await unreadOf(ada.id, room.id)).unreadCount).toBe(80);
    let response: Awaited<ReturnType<typeof rawRequest>> | undefined;
    const statements = await countQueries(file.server.runtime.sequelize, async () => {
      response = await page(`/room/${room.id}?members=open`, ada.cookie);
    });
    expect(response!.status).toBe(200);
    expect(response!.body).toContain(DIVIDER);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(4);
    expect((await unreadOf(ada.id, room.id)).unreadCount).toBe(0);
  });

  it("My rooms reads at most the cap's worth of posts per room, even from a long run of one's own posts", async () => {
    const ada = await person();
    const room = await services().rooms.create(ada, { name: "Mine alone", description: null });
    // Ada's own 5,000 posts after her read point (posted through the API, say): none is unread to her.
    await sql("update room_participants set last_read_at = null, last_read_post_id = null where room_id = :roomId", { roomId: room.id });
    await sql("insert into posts (room_id, creator_id, message) select :roomId, :userId, 'mine ' || n from generate_series(1, 5000) n", {
      roomId: room.id,
      userId: ada.id,
    });
    // As autovacuum would, so the planner knows the room is big.
    await sql("analyze posts");
    const { sent } = await recordingStatements(() => unreadOf(ada.id, room.id));
    expect((await unreadOf(ada.id, room.id)).unreadCount).toBe(0);

    // The plan, as the server runs it: every row read from posts, over all loops.
    const [plan] = (await explainAsRun(
      file.server.runtime.sequelize,
      sent.find((s) => s.text.includes("AS unread_count"))!,
      "FORMAT JSON",
    )) as [Array<{ Plan: PlanNode }>];
    const postRowsRead = (node: PlanNode): number =>
      (node["Relation Name"] === "posts" ? (node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0)) * node["Actual Loops"] : 0) +
      (node.Plans ?? []).reduce((sum, child) => sum + postRowsRead(child), 0);
    expect(postRowsRead(plan[0]!.Plan)).toBeLessThanOrEqual(2 * UNREAD_COUNT_CAP);
  });

  it("My rooms with 200 rooms, each with unread posts and mentions, makes at most 4 SQL queries", async () => {
    const ada = await person();
    const bo = await person();
    await sql(
      `with created as (
         insert into rooms (room_name, owner_id) select 'Room ' || n, :boId from generate_series(1, 200) n returning id),
       members as (
         insert into room_participants (room_id, user_id, email, name, role)
         select id, :adaId, :email, :name, 'participant' from created returning room_id),
       posted as (
         insert into posts (room_id, creator_id, message) select room_id, :boId, 'hi @someone' from members, generate_series(1, 3) returning id, room_id, created_at)
       insert into post_mentions (post_id, user_id, room_id, created_at) select id, :adaId, room_id, created_at from posted`,
      { adaId: ada.id, boId: bo.id, email: ada.email, name: ada.name },
    );
    let body = "";
    const statements = await countQueries(file.server.runtime.sequelize, async () => {
      const response = await page("/home", ada.cookie);
      expect(response.status).toBe(200);
      body = response.body;
    });
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(4);
    expect(body.match(/3 unread/g)).toHaveLength(20);
    expect(body.match(/3 mentions/g)).toHaveLength(20);
  });
});

describe("the JSON API", () => {
  async function account() {
    const user = newUserData({ prefix: "unreadapi" });
    const response = await file.api.call("POST", "/api/auth/signup", {}, { body: { ...user, confirm_password: user.password } });
    expect(response.status, response.body).toBe(201);
    const body = bodyOf(response);
    return { token: body.token as string, id: body.user.id as string, ...user };
  }
  /** A post a second after the one before: on the test clock, which stands still, two posts would tie. */
  const post = async (token: string, roomId: string, message: string) => {
    file.server.runtime.clock.advance(1000);
    return bodyOf(await file.api.call("POST", "/api/rooms/{roomId}/posts", { roomId }, { token, body: { message } })) as { id: string };
  };
  const listed = async (token: string, roomId: string) =>
    (bodyOf(await file.api.call("GET", "/api/rooms", {}, { token })) as Array<Record<string, unknown>>).find((room) => room.id === roomId)!;
  const read = (token: string, roomId: string, body: unknown) =>
    file.api.call("POST", "/api/rooms/{roomId}/read", { roomId }, { token, body });

  it("lists unread_count and unread_mention_count; POST /read moves the read point forward only", async () => {
    const owner = await account();
    const member = await account();
    const room = bodyOf(await file.api.call("POST", "/api/rooms", {}, { token: owner.token, body: { room_name: "Unread API" } })) as {
      id: string;
    };
    await addMember(room.id, member);
    const first = await post(owner.token, room.id, "one");
    // Naming the member in the post is what records the mention.
    const second = await post(owner.token, room.id, `two @${member.username}`);
    expect(await listed(member.token, room.id)).toMatchObject({ unread_count: 2, unread_mention_count: 1 });
    expect(await listed(owner.token, room.id)).toMatchObject({ unread_count: 0, unread_mention_count: 0 });

    const marked = await read(member.token, room.id, { post_id: first.id });
    expect(marked.status, marked.body).toBe(200);
    expect(bodyOf(marked)).toMatchObject({ room_id: room.id, last_read_post_id: first.id });
    expect(await listed(member.token, room.id)).toMatchObject({ unread_count: 1, unread_mention_count: 1 });

    expect(bodyOf(await read(member.token, room.id, {}))).toMatchObject({ last_read_post_id: second.id });
    expect(bodyOf(await read(member.token, room.id, { post_id: first.id }))).toMatchObject({ last_read_post_id: second.id });
    expect(await listed(member.token, room.id)).toMatchObject({ unread_count: 0, unread_mention_count: 0 });
  });

  it("answers 422 for a malformed post_id and 404 for another room's post or a room not yours", async () => {
    const owner = await account();
    const stranger = await account();
    const room = bodyOf(await file.api.call("POST", "/api/rooms", {}, { token: owner.token, body: { room_name: "Mine" } })) as {
      id: string;
    };
    const other = bodyOf(await file.api.call("POST", "/api/rooms", {}, { token: stranger.token, body: { room_name: "Theirs" } })) as {
      id: string;
    };
    const theirs = await post(stranger.token, other.id, "not yours");

    const malformed = await read(owner.token, room.id, { post_id: "nope" });
    expect(malformed.status).toBe(422);
    expect(bodyOf(malformed).fields).toHaveProperty("post_id");
    expect((await read(owner.token, room.id, { post_id: theirs.id })).status).toBe(404);
    expect((await read(owner.token, other.id, {})).status).toBe(404);
    expect((await read(owner.token, "not-a-room", {})).status).toBe(404);
  });
});
