import { describe, expect, it } from "vitest";
import { documentedServerForFile } from "../support/documented-server";
import { bodyOf } from "../support/api-client";
import { newUserData } from "../support/user-factory";

// The feed's endpoints (edits, …) over the real HTTP server and database, each answer checked
// against the published OpenAPI document.
const file = documentedServerForFile({ env: { TRUST_PROXY: "loopback" } });

const call = (...args: Parameters<typeof file.api.call>) => file.api.call(...args);

async function account() {
  const user = newUserData();
  const response = await call("POST", "/api/auth/signup", {}, { body: { ...user, confirm_password: user.password } });
  expect(response.status, response.body).toBe(201);
  const body = bodyOf(response);
  return { token: body.token as string, id: body.user.id as string, ...user };
}

/** An owner's room with a second member in it. */
async function roomOfTwo() {
  const owner = await account();
  const member = await account();
  const room = bodyOf(await call("POST", "/api/rooms", {}, { token: owner.token, body: { room_name: "Feed API" } })) as { id: string };
  await file.server.runtime.sequelize.query(
    "insert into room_participants (room_id, user_id, email, name) values (:roomId, :userId, :email, :name)",
    { replacements: { roomId: room.id, userId: member.id, email: member.email, name: member.name } },
  );
  return { owner, member, roomId: room.id };
}

async function post(token: string, roomId: string, message: string) {
  return bodyOf(await call("POST", "/api/rooms/{roomId}/posts", { roomId }, { token, body: { message } })) as { id: string };
}

describe("PATCH /api/rooms/{roomId}/posts/{postId}", () => {
  it("lets the author change the words, answering the post with edited_at; nobody else; never a deleted post", async () => {
    const { owner, member, roomId } = await roomOfTwo();
    const mine = await post(member.token, roomId, "helo");
    const ids = { roomId, postId: mine.id };

    const edited = await call("PATCH", "/api/rooms/{roomId}/posts/{postId}", ids, { token: member.token, body: { message: "hello" } });
    expect(edited.status, edited.body).toBe(200);
    expect(bodyOf(edited)).toMatchObject({
      id: mine.id,
      room_id: roomId,
      kind: "post",
      creator_id: member.id,
      creator: { id: member.id, username: member.username, name: member.name },
      message: "hello",
      is_deleted: false,
    });
    expect(Date.parse(bodyOf(edited).edited_at)).toBeGreaterThan(0);

    const byOwner = await call("PATCH", "/api/rooms/{roomId}/posts/{postId}", ids, { token: owner.token, body: { message: "mine now" } });
    expect(byOwner.status).toBe(403);
    const empty = await call("PATCH", "/api/rooms/{roomId}/posts/{postId}", ids, { token: member.token, body: { message: "  " } });
    expect(empty.status).toBe(422);
    expect(bodyOf(empty)).toMatchObject({ code: "validation_failed", fields: { message: ["Write a message first"] } });
    const tooLong = await call("PATCH", "/api/rooms/{roomId}/posts/{postId}", ids, {
      token: member.token,
      body: { message: "x".repeat(5001) },
    });
    expect(tooLong.status).toBe(422);
    expect(Object.keys(bodyOf(tooLong).fields)).toEqual(["message"]);
    const longest = await call("PATCH", "/api/rooms/{roomId}/posts/{postId}", ids, {
      token: member.token,
      body: { message: "y".repeat(5000) },
    });
    expect(longest.status, longest.body).toBe(200);
    await call("PATCH", "/api/rooms/{roomId}/posts/{postId}", ids, { token: member.token, body: { message: "hello" } });

    const deleted = await call("DELETE", "/api/rooms/{roomId}/posts/{postId}", ids, { token: member.token });
    expect([deleted.status, typeof bodyOf(deleted).message]).toEqual([200, "string"]);
    const afterDelete = await call("PATCH", "/api/rooms/{roomId}/posts/{postId}", ids, { token: member.token, body: { message: "back" } });
    expect([afterDelete.status, bodyOf(afterDelete).code]).toEqual([409, "conflict"]);
    const [rows] = await file.server.runtime.sequelize.query("select message from posts where id = :id", { replacements: { id: mine.id } });
    expect(rows).toEqual([{ message: "hello" }]);
  });
});

describe("POST /api/rooms/{roomId}/posts/{postId}/reactions", () => {
  it("toggles the caller's reaction, one of six; the feed counts them", async () => {
    const { owner, member, roomId } = await roomOfTwo();
    const { id: postId } = await post(owner.token, roomId, "ship it");
    const react = (token: string, emoji: string) =>
      call("POST", "/api/rooms/{roomId}/posts/{postId}/reactions", { roomId, postId }, { token, body: { emoji } });

    expect(bodyOf(await react(member.token, "👍"))).toEqual({ emoji: "👍", reacted: true });
    expect(bodyOf(await react(owner.token, "👍"))).toEqual({ emoji: "👍", reacted: true });
    expect(bodyOf(await react(owner.token, "👍"))).toEqual({ emoji: "👍", reacted: false });
    const unicorn = await react(member.token, "🦄");
    expect([unicorn.status, Object.keys(bodyOf(unicorn).fields)]).toEqual([422, ["emoji"]]);
    const feedOf = async (token: string) => bodyOf(await call("GET", "/api/rooms/{roomId}/posts", { roomId }, { token }));
    expect((await feedOf(member.token))[0]).toMatchObject({ id: postId, reactions: [{ emoji: "👍", count: 1, mine: true }] });
    expect((await feedOf(owner.token))[0]).toMatchObject({ id: postId, reactions: [{ emoji: "👍", count: 1, mine: false }] });
    const [rows] = await file.server.runtime.sequelize.query("select user_id from post_reactions where post_id = :postId", {
      replacements: { postId },
    });
    expect(rows).toEqual([{ user_id: member.id }]);
  });
});

describe("mentions on PostOut", () => {
  it("names the room's members a post mentions (not its author, not strangers), on create, edit and the list", async () => {
    const { owner, member, roomId } = await roomOfTwo();
    const stranger = await account();
    const created = await call(
      "POST",
      "/api/rooms/{roomId}/posts",
      { roomId },
      {
        token: owner.token,
        body: { message: `@${member.username} look, @${owner.username} @${stranger.username} \`@${member.username}\`` },
      },
    );
    expect(created.status, created.body).toBe(201);
    const body = bodyOf(created) as { id: string; mentions: unknown };
    expect(body.mentions).toEqual([{ user_id: member.id, username: member.username }]);

    const edited = await call(
      "PATCH",
      "/api/rooms/{roomId}/posts/{postId}",
      { roomId, postId: body.id },
      { token: owner.token, body: { message: "nobody now" } },
    );
    expect(bodyOf(edited)).toMatchObject({ mentions: [] });

    await post(owner.token, roomId, `again @${member.username.toUpperCase()}`);
    const list = bodyOf(await call("GET", "/api/rooms/{roomId}/posts", { roomId }, { token: member.token })) as Array<{
      message: string;
      mentions: unknown;
    }>;
    // By message: the test server's posts may share a millisecond, and then their order is the ids'.
    expect(Object.fromEntries(list.map((p) => [p.message, p.mentions]))).toEqual({
      [`again @${member.username.toUpperCase()}`]: [{ user_id: member.id, username: member.username }],
      "nobody now": [],
    });
  });
});
