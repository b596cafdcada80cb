import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, bodyOf, openApiChecker } from "../support/api-client";
import { honeypotFields, postForm, type RawResponse } from "../support/http-client";
import { TEST_LIVEKIT_ENV } from "../support/test-livekit";
import { startTestServer } from "../support/test-server";
import { latestResetLink, tokenOf, verifyTestUser } from "../support/test-runtime";

// The JSON API over the real HTTP server, database and LiveKit server; every response is checked
// against the OpenAPI document the server itself publishes.
let server: Awaited<ReturnType<typeof startTestServer>>;
let client: ReturnType<typeof apiClient>;
let conforms: ReturnType<typeof openApiChecker>;
let sequence = 0;
const PASSWORD = "an api test passphrase";
const NO_ROOM = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  // Many sign-ups from one address: the limits themselves are tested in rate-limits-http.test.ts.
  server = await startTestServer({ env: { ...TEST_LIVEKIT_ENV, RATE_LIMIT_MULTIPLIER: "20" } });
  await server.runtime.container.startWorkers(["reset-requests"]);
  client = apiClient(server.url);
  conforms = openApiChecker(bodyOf(await client.get("/api/openapi.json")));
});
afterAll(async () => {
  await server?.close();
});

/** Calls an endpoint and checks the answer against the document. */
async function call(
  method: string,
  template: string,
  params: Record<string, string>,
  options: { token?: string; body?: unknown } = {},
): Promise<RawResponse> {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
  const response = await client.call(method, path, options);
  conforms(method, template, response);
  return response;
}

async function newAccount(name = "Api Person") {
  const id = `${Date.now().toString(36)}${sequence++}`;
  const credentials = { username: `api_${id}`, email: `api.${id}@example.test`, name, password: PASSWORD, confirm_password: PASSWORD };
  const response = await call("POST", "/api/auth/signup", {}, { body: credentials });
  expect(response.status).toBe(201);
  const { token, user } = bodyOf(response);
  return {
    token: token as string,
    user: user as { id: string; email: string; name: string },
    email: credentials.email,
    username: credentials.username,
  };
}

/** An account whose address is proven through its real link; proving it ends its sessions, so it signs in again. */
async function verifiedAccount(name?: string) {
  const account = await newAccount(name);
  await verifyTestUser(server.runtime, account.user);
  const signedIn = await call("POST", "/api/auth/signin", {}, { body: { email: account.email, password: PASSWORD } });
  expect((await call("GET", "/api/rooms", {}, { token: account.token })).status).toBe(401);
  return { ...account, token: bodyOf(signedIn).token as string };
}

async function newRoom(token: string, name = "API room") {
  const response = await call("POST", "/api/rooms", {}, { token, body: { room_name: name, description: "Made by a script" } });
  expect(response.status).toBe(201);
  return bodyOf(response) as { id: string };
}

async function latestInviteToken(email: string) {
  const [rows] = await server.runtime.sequelize.query(
    "select text_body from email_outbox where to_email = :email order by created_at desc limit 1",
    { replacements: { email } },
  );
  return /join\?token=([\w-]+)/.exec(String((rows as Array<{ text_body: string }>)[0]!.text_body))![1]!;
}

describe("a member's whole journey through the API", () => {
  it("signs up and in, runs a room with people, posts and a meeting, and signs out", async () => {
    const owner = await newAccount("Orla Owner");
    const signedIn = await call("POST", "/api/auth/signin", {}, { body: { email: owner.email, password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    const token = bodyOf(signedIn).token as string;

    const room = await newRoom(token, "Planning");
    expect((await call("GET", "/api/rooms/{roomId}", { roomId: room.id }, { token })).status).toBe(200);
    const renamed = await call("PATCH", "/api/rooms/{roomId}", { roomId: room.id }, { token, body: { room_name: "Planning (Q3)" } });
    expect(bodyOf(renamed)).toMatchObject({ room_name: "Planning (Q3)", description: "Made by a script", is_owner: true });
    const cleared = await call("PATCH", "/api/rooms/{roomId}", { roomId: room.id }, { token, body: { description: null } });
    expect(bodyOf(cleared).description).toBeNull();
    const list = await call("GET", "/api/rooms", {}, { token });
    expect(bodyOf(list).map((r: { id: string }) => r.id)).toContain(room.id);
    expect(list.headers.link).toBeUndefined();

    // One person, then a batch.
    const member = await verifiedAccount("Max Member");
    const one = await call(
      "POST",
      "/api/rooms/{roomId}/participants",
      { roomId: room.id },
      { token, body: { email: member.email, name: "Max Member" } },
    );
    expect(one.status).toBe(201);
    expect(bodyOf(one).invite_url).toBe(`${server.runtime.config.appUrl}/room/${room.id}/join?token=${bodyOf(one).invite_token}`);
    const batch = [1, 2].map((n) => ({ email: `batch${n}.${Date.now().toString(36)}@example.test`, name: `Batch ${n}` }));
    const added = await call("POST", "/api/rooms/{roomId}/participants", { roomId: room.id }, { token, body: { participants: batch } });
    expect(bodyOf(added)).toHaveLength(2);
    const people = bodyOf(await call("GET", "/api/rooms/{roomId}/participants", { roomId: room.id }, { token }));
    expect(people).toHaveLength(4);
    expect(people.map((p: { participant_id: string }) => p.participant_id)).toEqual(
      expect.arrayContaining([bodyOf(one).participant_id, ...bodyOf(added).map((i: { participant_id: string }) => i.participant_id)]),
    );

    // The member sees and accepts the invitation, then posts.
    const invites = bodyOf(await call("GET", "/api/invites", {}, { token: member.token }));
    expect(invites).toHaveLength(1);
    expect((await call("POST", "/api/invites/{inviteId}/accept", { inviteId: invites[0].id }, { token: member.token })).status).toBe(200);
    const post = await call(
      "POST",
      "/api/rooms/{roomId}/posts",
      { roomId: room.id },
      { token: member.token, body: { message: "Hello from a script\nsecond line" } },
    );
    expect(post.status).toBe(201);
    const posts = bodyOf(await call("GET", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token, body: undefined }));
    expect(posts.map((p: { message: string }) => p.message)).toEqual(["Hello from a script\nsecond line"]);
    expect(posts[0].creator).toEqual({ id: member.user.id, username: member.username, name: "Max Member" });
    expect(
      (await call("DELETE", "/api/rooms/{roomId}/posts/{postId}", { roomId: room.id, postId: bodyOf(post).id }, { token })).status,
    ).toBe(200);

    // LiveKit: a member's token, and a guest's from the invitation alone.
    const joined = bodyOf(await call("POST", "/api/rooms/{roomId}/join", { roomId: room.id }, { token: member.token, body: {} }));
    expect(
      (await new TokenVerifier(TEST_LIVEKIT_ENV.LIVEKIT_API_KEY, TEST_LIVEKIT_ENV.LIVEKIT_API_SECRET).verify(joined.token)).video?.room,
    ).toBe(`parley-${room.id}`);
    expect(joined.identity).toBe(member.user.id);
    const guestJoin = await call(
      "POST",
      "/api/rooms/{roomId}/join",
      { roomId: room.id },
      { body: { invite_token: await latestInviteToken(batch[1]!.email), display_name: "Batch Two" } },
    );
    expect(guestJoin.status).toBe(200);

    // The owner removes someone, then deletes the room.
    const removable = people.find((p: { name: string }) => p.name === "Batch 1");
    expect(
      (
        await call(
          "DELETE",
          "/api/rooms/{roomId}/participants/{participantId}",
          { roomId: room.id, participantId: removable.id },
          { token },
        )
      ).status,
    ).toBe(200);

    expect((await call("POST", "/api/auth/signout", {}, { token })).status).toBe(204);
    expect((await call("GET", "/api/rooms", {}, { token })).status).toBe(401);
    expect((await call("DELETE", "/api/rooms/{roomId}", { roomId: room.id }, { token: owner.token })).status).toBe(200);
    expect((await call("GET", "/api/rooms/{roomId}", { roomId: room.id }, { token: owner.token })).status).toBe(404);
  });

  it("a password reset ends every token of the account", async () => {
    const person = await newAccount();
    expect((await call("POST", "/api/auth/reset-password", {}, { body: { email: person.email } })).status).toBe(200);
    expect((await call("POST", "/api/auth/reset-password", {}, { body: { email: `nobody.${Date.now()}@example.test` } })).status).toBe(200);
    const resetToken = tokenOf(await latestResetLink(server.runtime, person.email));
    const newPassword = "a brand new passphrase";
    const confirmed = await call(
      "POST",
      "/api/auth/reset-password/confirm",
      {},
      { body: { token: resetToken, new_password: newPassword } },
    );
    expect(confirmed.status).toBe(200);
    expect((await call("GET", "/api/rooms", {}, { token: person.token })).status).toBe(401);
    expect((await call("POST", "/api/auth/signin", {}, { body: { email: person.email, password: newPassword } })).status).toBe(200);
  });
});

describe("invitations by address over the API", () => {
  it("an account that only typed the invited address lists none and cannot accept one (404)", async () => {
    const owner = await newAccount("Owner of a private room");
    const room = await newRoom(owner.token, "Private");
    const squatter = await newAccount("Not Alice");
    // The squatter signed up first with the address the owner is about to invite.
    expect(
      (
        await call(
          "POST",
          "/api/rooms/{roomId}/participants",
          { roomId: room.id },
          { token: owner.token, body: { email: squatter.email, name: "Alice" } },
        )
      ).status,
    ).toBe(201);
    expect(bodyOf(await call("GET", "/api/invites", {}, { token: squatter.token }))).toEqual([]);
    const [rows] = await server.runtime.sequelize.query("select id from invites where room_id = :roomId", {
      replacements: { roomId: room.id },
    });
    const inviteId = (rows as Array<{ id: string }>)[0]!.id;
    expect((await call("POST", "/api/invites/{inviteId}/accept", { inviteId }, { token: squatter.token })).status).toBe(404);
    expect((await call("GET", "/api/rooms/{roomId}", { roomId: room.id }, { token: squatter.token })).status).toBe(404);
  });
});

describe("every endpoint", () => {
  const PROTECTED: Array<[string, string, unknown?]> = [
    ["POST", "/api/auth/signout"],
    ["GET", "/api/rooms"],
    ["POST", "/api/rooms", { room_name: "xyz" }],
    ["GET", "/api/rooms/{roomId}"],
    ["PATCH", "/api/rooms/{roomId}", { room_name: "xyz" }],
    ["DELETE", "/api/rooms/{roomId}"],
    ["GET", "/api/rooms/{roomId}/participants"],
    ["POST", "/api/rooms/{roomId}/participants", { email: "a@example.test", name: "Ann" }],
    ["DELETE", "/api/rooms/{roomId}/participants/{participantId}"],
    ["POST", "/api/rooms/{roomId}/join", {}],
    ["GET", "/api/rooms/{roomId}/posts"],
    ["POST", "/api/rooms/{roomId}/posts", { message: "x" }],
    ["PATCH", "/api/rooms/{roomId}/posts/{postId}", { message: "x" }],
    ["POST", "/api/rooms/{roomId}/posts/{postId}/reactions", { emoji: "👍" }],
    ["DELETE", "/api/rooms/{roomId}/posts/{postId}"],
    ["GET", "/api/invites"],
    ["POST", "/api/invites/{inviteId}/accept"],
    ["POST", "/api/invites/{inviteId}/decline"],
    ["PUT", "/api/rooms/{roomId}/participants/{participantId}/role", { role: "moderator" }],
    ["POST", "/api/rooms/{roomId}/participants/{participantId}/invite-link"],
    ["DELETE", "/api/rooms/{roomId}/meeting/participants/{participantId}"],
    ["POST", "/api/rooms/{roomId}/leave"],
    ["PUT", "/api/rooms/{roomId}/owner", { participant_id: NO_ROOM }],
  ];
  const ids = { roomId: NO_ROOM, participantId: NO_ROOM, postId: NO_ROOM, inviteId: NO_ROOM };

  it("answers 401 with the error shape without credentials, and with a forged or stale token", async () => {
    for (const [method, template, body] of PROTECTED) {
      for (const token of [undefined, "not-a-jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"]) {
        const response = await call(method, template, ids, { token, body });
        expect(response.status, `${method} ${template}`).toBe(401);
        expect(bodyOf(response).code).toBe("unauthorized");
      }
    }
  });

  it("answers 404 for another person's room, exactly as for a room that does not exist", async () => {
    const owner = await newAccount();
    const stranger = await newAccount();
    const room = await newRoom(owner.token);
    const post = bodyOf(
      await call("POST", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token: owner.token, body: { message: "mine" } }),
    );
    for (const [method, template, body] of PROTECTED.filter(([, t]) => t.includes("{roomId}"))) {
      for (const roomId of [room.id, NO_ROOM]) {
        const response = await call(method, template, { ...ids, roomId, postId: post.id }, { token: stranger.token, body });
        expect(response.status, `${method} ${template} on ${roomId === NO_ROOM ? "no room" : "someone else's room"}`).toBe(404);
      }
    }
    expect(bodyOf(await call("GET", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token: owner.token }))).toHaveLength(1);
  });

  it("reports validation errors by field (422), unknown fields included, with the forms' messages", async () => {
    const owner = await newAccount();
    const room = await newRoom(owner.token);
    const signup = await call(
      "POST",
      "/api/auth/signup",
      {},
      { body: { username: "x", email: "nope", name: "", password: "short", confirm_password: "other" } },
    );
    expect(signup.status).toBe(422);
    expect(bodyOf(signup).fields).toMatchObject({
      email: ["Enter a valid email address, like name@example.com"],
      name: ["Enter your name"],
    });
    // The message is at the top level, where a client that shows only it (original spec §5.1) reads it.
    expect(bodyOf(signup).message).toMatch(/^username: Usernames are 3 to 50 characters; email: Enter a valid email address/);
    const unknown = await call("POST", "/api/rooms", {}, { token: owner.token, body: { room_name: "ok room", ownerId: NO_ROOM } });
    expect(bodyOf(unknown).fields).toEqual({ ownerId: ["Unknown field"] });
    // Inherited names are no fields either (the contract fuzz found `{"constructor":0}` accepted).
    const inherited = await call("POST", "/api/rooms/{roomId}/join", { roomId: room.id }, { token: owner.token, body: { constructor: 0 } });
    expect([inherited.status, bodyOf(inherited).fields]).toEqual([422, { constructor: ["Unknown field"] }]);
    const rows = await call(
      "POST",
      "/api/rooms/{roomId}/participants",
      { roomId: room.id },
      {
        token: owner.token,
        body: {
          participants: [
            { email: "ok@example.test", name: "Ok" },
            { email: "bad", name: "Bad" },
            { email: "fine@example.test", name: "" },
          ],
        },
      },
    );
    expect(rows.status).toBe(422);
    expect(bodyOf(rows).fields).toEqual({
      "participants.1.email": ["Enter a valid email address, like name@example.com"],
      "participants.2.name": ["Enter their name"],
    });
    const twice = await call(
      "POST",
      "/api/rooms/{roomId}/participants",
      { roomId: room.id },
      {
        token: owner.token,
        body: {
          participants: [
            { email: "ok@example.test", name: "Ok" },
            { email: "OK@example.test", name: "Again" },
          ],
        },
      },
    );
    expect(bodyOf(twice).fields).toEqual({ "participants.1.email": ["This address is already in the list above"] });
    expect(bodyOf(await call("GET", "/api/rooms/{roomId}/participants", { roomId: room.id }, { token: owner.token }))).toHaveLength(1);
    const taken = await call(
      "POST",
      "/api/rooms/{roomId}/participants",
      { roomId: room.id },
      { token: owner.token, body: { email: owner.email, name: "Me" } },
    );
    expect(taken.status).toBe(422);
    expect(bodyOf(taken).fields).toEqual({ email: ["This person is already in the room"] });
    const takenInBatch = await call(
      "POST",
      "/api/rooms/{roomId}/participants",
      { roomId: room.id },
      {
        token: owner.token,
        body: {
          participants: [
            { email: "new@example.test", name: "New" },
            { email: owner.email, name: "Me" },
          ],
        },
      },
    );
    expect(bodyOf(takenInBatch).fields).toEqual({ "participants.1.email": ["This person is already in the room"] });
    const tooMany = await call("GET", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token: owner.token });
    expect(tooMany.status).toBe(200);
    expect((await client.get(`/api/rooms/${room.id}/posts?limit=101`, owner.token)).status).toBe(422);
    const empty = await call("POST", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token: owner.token, body: { message: "   " } });
    expect(bodyOf(empty).fields).toEqual({ message: ["Write a message first"] });
    expect(bodyOf(await call("POST", "/api/auth/signin", {}, { body: { email: owner.email, password: "wrong password" } })).code).toBe(
      "invalid_credentials",
    );
  });

  it("refuses what is not a small JSON object before reading it: 415, 400, 413", async () => {
    const owner = await newAccount();
    const asForm = await client.call("POST", "/api/rooms", {
      token: owner.token,
      raw: "room_name=xyz",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(asForm.status).toBe(415);
    const broken = await client.call("POST", "/api/rooms", { token: owner.token, raw: "{name:" });
    expect([broken.status, bodyOf(broken).code]).toEqual([400, "invalid_json"]);
    const huge = await client.call("POST", "/api/rooms", { token: owner.token, raw: JSON.stringify({ room_name: "x".repeat(70_000) }) });
    expect([huge.status, bodyOf(huge).code]).toEqual([413, "payload_too_large"]);
    const array = await client.call("POST", "/api/rooms", { token: owner.token, raw: "[1,2]" });
    expect(array.status).toBe(422);
    for (const response of [asForm, broken, huge, array]) conforms("POST", "/api/rooms", response);
  });

  it("needs no Origin with a Bearer token, but a cookie-authenticated write must pass the same-origin check", async () => {
    const owner = await newAccount();
    expect((await client.post("/api/rooms", { room_name: "From curl" }, owner.token)).status).toBe(201);
    const form = await postForm(server.url, "/auth/signin", {
      ...(await honeypotFields(server.url, "/auth/signin")),
      email: owner.email,
      password: PASSWORD,
    });
    const cookie = `parley_session=${form.cookies.parley_session}`;
    const crossSite = await client.call("POST", "/api/rooms", {
      body: { room_name: "Forged" },
      headers: { Cookie: cookie, Origin: "https://evil.test" },
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await client.call("POST", "/api/rooms", {
      body: { room_name: "From the app" },
      headers: { Cookie: cookie, Origin: server.url },
    });
    expect(sameSite.status).toBe(201);
  });

  it("publishes an OpenAPI 3.1 document listing every endpoint", async () => {
    const document = bodyOf(await client.get("/api/openapi.json"));
    expect(document.openapi).toBe("3.1.0");
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "POST /api/auth/signup",
        "POST /api/auth/signin",
        "POST /api/auth/signout",
        "POST /api/auth/reset-password",
        "POST /api/auth/reset-password/confirm",
        "GET /api/rooms",
        "POST /api/rooms",
        "GET /api/rooms/{roomId}",
        "PATCH /api/rooms/{roomId}",
        "DELETE /api/rooms/{roomId}",
        "GET /api/rooms/{roomId}/participants",
        "POST /api/rooms/{roomId}/participants",
        "DELETE /api/rooms/{roomId}/participants/{participantId}",
        "POST /api/rooms/{roomId}/join",
        "GET /api/rooms/{roomId}/posts",
        "POST /api/rooms/{roomId}/posts",
        "PATCH /api/rooms/{roomId}/posts/{postId}",
        "POST /api/rooms/{roomId}/posts/{postId}/reactions",
        "DELETE /api/rooms/{roomId}/posts/{postId}",
        "POST /api/rooms/{roomId}/read",
        "GET /api/invites",
        "POST /api/invites/{inviteId}/accept",
        "POST /api/invites/{inviteId}/decline",
        "PUT /api/rooms/{roomId}/participants/{participantId}/role",
        "POST /api/rooms/{roomId}/participants/{participantId}/invite-link",
        "DELETE /api/rooms/{roomId}/meeting/participants/{participantId}",
        "POST /api/rooms/{roomId}/leave",
        "PUT /api/rooms/{roomId}/owner",
      ].sort(),
    );
  });
});

describe("lists are JSON arrays paged by Link headers (RFC 8288)", () => {
  const nextOf = (response: RawResponse) => {
    const link = response.headers.link as string | undefined;
    if (!link) return null;
    const match = /^<([^>]+)>; rel="next"$/.exec(link);
    expect(match, link).not.toBeNull();
    const url = new URL(match![1]!);
    expect(url.origin).toBe(new URL(server.runtime.config.appUrl).origin);
    return url.pathname + url.search;
  };

  it("walks my rooms and a room's posts page by page, newest first, keeping q and limit", async () => {
    const owner = await newAccount();
    for (const name of ["Paged one", "Paged two", "Paged three", "Other"]) await newRoom(owner.token, name);
    const seen: string[] = [];
    let path: string | null = "/api/rooms?q=paged&limit=2";
    while (path) {
      const page = await client.get(path, owner.token);
      conforms("GET", "/api/rooms", page);
      seen.push(...bodyOf(page).map((r: { room_name: string }) => r.room_name));
      path = nextOf(page);
      if (path) expect(new URL(path, server.url).searchParams.get("q")).toBe("paged");
    }
    expect(seen).toEqual(["Paged three", "Paged two", "Paged one"]);

    const room = await newRoom(owner.token, "Posts");
    for (const message of ["1", "2", "3", "4", "5"]) {
      server.runtime.clock.advance(1000);
      await call("POST", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token: owner.token, body: { message } });
    }
    const messages: string[] = [];
    path = `/api/rooms/${room.id}/posts?limit=2`;
    while (path) {
      const page = await client.get(path, owner.token);
      conforms("GET", "/api/rooms/{roomId}/posts", page);
      messages.push(...bodyOf(page).map((p: { message: string }) => p.message));
      path = nextOf(page);
    }
    expect(messages).toEqual(["5", "4", "3", "2", "1"]);
    const broken = await client.get(`/api/rooms/${room.id}/posts?cursor=nonsense`, owner.token);
    expect([broken.status, bodyOf(broken).fields]).toEqual([422, { cursor: ["This page link is not valid"] }]);
  });
});

describe("the customer's limits (original spec §4.2), the same as the pages'", () => {
  it("username 3–50, room_name 3–100, participant name at least 2, post message 1–5,000; passwords at least 10", async () => {
    const id = Date.now().toString(36);
    const signUp = (username: string, password = PASSWORD) =>
      call(
        "POST",
        "/api/auth/signup",
        {},
        { body: { username, email: `${username.slice(0, 20)}.${id}@example.test`, name: "Limits", password, confirm_password: password } },
      );
    const longest = `l${id}`.padEnd(50, "x");
    const signedUp = await signUp(longest);
    expect(signedUp.status).toBe(201);
    expect(bodyOf(signedUp).user.username).toBe(longest);
    expect(bodyOf(await signUp(`m${id}`.padEnd(51, "x"))).fields).toEqual({ username: ["Usernames are 3 to 50 characters"] });
    expect(bodyOf(await signUp(`p${id}`, "nine char")).fields).toEqual({ password: ["Passwords need at least 10 characters"] });

    const token = bodyOf(signedUp).token as string;
    const create = (room_name: string) => call("POST", "/api/rooms", {}, { token, body: { room_name } });
    expect(bodyOf(await create("ab")).fields).toEqual({ room_name: ["Room names need at least 3 characters"] });
    expect(bodyOf(await create("x".repeat(101))).fields).toEqual({ room_name: ["Room names can be at most 100 characters"] });
    expect((await create("x".repeat(100))).status).toBe(201);
    const room = bodyOf(await create("abc"));
    expect(room.room_name).toBe("abc");

    const add = (name: string) =>
      call(
        "POST",
        "/api/rooms/{roomId}/participants",
        { roomId: room.id },
        { token, body: { email: `n${name.length}@example.test`, name } },
      );
    expect(bodyOf(await add("J")).fields).toEqual({ name: ["Names need at least 2 characters"] });
    expect((await add("Jo")).status).toBe(201);

    const post = (message: string) => call("POST", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token, body: { message } });
    expect((await post("y".repeat(5000))).status).toBe(201);
    expect(bodyOf(await post("y".repeat(5001))).fields).toEqual({ message: ["Messages can be at most 5,000 characters"] });
    expect((await post("z")).status).toBe(201);
  });
});

describe("declining an invitation over the API", () => {
  it("takes me off the room's list; the invitation is gone", async () => {
    const owner = await newAccount("Decline Owner");
    const room = await newRoom(owner.token, "Declined");
    const invitee = await verifiedAccount("Dee Cline");
    await call(
      "POST",
      "/api/rooms/{roomId}/participants",
      { roomId: room.id },
      { token: owner.token, body: { email: invitee.email, name: "Dee" } },
    );
    const [invite] = bodyOf(await call("GET", "/api/invites", {}, { token: invitee.token }));
    expect(invite).toMatchObject({ room_id: room.id, room_name: "Declined", inviter_name: "Decline Owner", expired: false });
    const declined = await call("POST", "/api/invites/{inviteId}/decline", { inviteId: invite.id }, { token: invitee.token });
    expect(bodyOf(declined)).toEqual({ message: "Invitation declined." });
    expect(bodyOf(await call("GET", "/api/invites", {}, { token: invitee.token }))).toEqual([]);
    expect(bodyOf(await call("GET", "/api/rooms/{roomId}/participants", { roomId: room.id }, { token: owner.token }))).toHaveLength(1);
    expect((await call("POST", "/api/invites/{inviteId}/decline", { inviteId: invite.id }, { token: invitee.token })).status).toBe(404);
  });
});
