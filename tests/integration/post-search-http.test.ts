import { describe, expect, it } from "vitest";
import { documentedServerForFile } from "../support/documented-server";
import { bodyOf } from "../support/api-client";
import { rawRequest } from "../support/http-client";
import { signUpByForm } from "../support/http-accounts";
import { newUserData } from "../support/user-factory";

// Search in a room (`?q=`) over the real HTTP server and database: the JSON API (each answer
// checked against the OpenAPI document) and the room page.
const file = documentedServerForFile({ env: { TRUST_PROXY: "loopback" } });

const POSTS = "/api/rooms/{roomId}/posts";

async function account() {
  const user = newUserData();
  const response = await file.api.call("POST", "/api/auth/signup", {}, { body: { ...user, confirm_password: user.password } });
  expect(response.status, response.body).toBe(201);
  return { token: bodyOf(response).token as string };
}

async function roomWith(token: string, messages: string[]) {
  const room = bodyOf(await file.api.call("POST", "/api/rooms", {}, { token, body: { room_name: "Search API" } })) as { id: string };
  const ids: string[] = [];
  for (const message of messages) {
    file.server.runtime.clock.advance(1000);
    const response = await file.api.call("POST", POSTS, { roomId: room.id }, { token, body: { message } });
    ids.push(bodyOf(response).id as string);
  }
  return { roomId: room.id, ids };
}

/** GET …/posts with a query string, checked against the document. */
async function search(token: string, roomId: string, query: string) {
  const response = await file.api.client.call("GET", `/api/rooms/${roomId}/posts?${query}`, { token });
  file.api.conforms("GET", POSTS, response);
  return response;
}

describe("GET /api/rooms/{roomId}/posts?q=", () => {
  it("answers the posts holding every word, newest first, paged by the Link header", async () => {
    const { token } = await account();
    const { roomId } = await roomWith(token, ["Launch plan", "lunch menu", "the plan to LAUNCH", "launch party plan", "no"]);
    const first = await search(token, roomId, "q=plan%20launch&limit=2");
    expect(first.status).toBe(200);
    expect((bodyOf(first) as Array<{ message: string }>).map((p) => p.message)).toEqual(["launch party plan", "the plan to LAUNCH"]);
    const next = /<([^>]+)>; rel="next"/.exec(String(first.headers.link))![1]!;
    expect(new URL(next).searchParams.get("q")).toBe("plan launch");
    const rest = await search(token, roomId, new URL(next).search.slice(1));
    expect((bodyOf(rest) as Array<{ message: string }>).map((p) => p.message)).toEqual(["Launch plan"]);
    expect(rest.headers.link).toBeUndefined();
  });

  it.each([
    ["q=x", "Search for at least 2 characters"],
    [`q=${"y".repeat(101)}`, "Search for at most 100 characters"],
    ["q=a+b+c+d+e+f+g", "Search for at most 6 words"],
  ])("answers 422 (the API's status for invalid input) with the message by the field for %s", async (query, message) => {
    const { token } = await account();
    const { roomId } = await roomWith(token, ["anything"]);
    const response = await search(token, roomId, query);
    expect(response.status).toBe(422);
    expect(bodyOf(response)).toMatchObject({ code: "validation_failed", fields: { q: [message] } });
  });

  it("is for members only: another person gets the room's 404", async () => {
    const owner = await account();
    const stranger = await account();
    const { roomId } = await roomWith(owner.token, ["secret plan"]);
    const response = await search(stranger.token, roomId, "q=plan");
    expect(response.status).toBe(404);
  });
});

describe("the room page with ?q=", () => {
  async function pageRoom(messages: string[]) {
    const person = await signUpByForm(file.server.url);
    const [row] = (await file.server.runtime.sequelize.query("select id from users where email = :email", {
      replacements: { email: person.email },
    })) as unknown as [Array<{ id: string }>];
    const me = { id: row[0]!.id, username: person.username, email: person.email, name: person.name, emailVerified: true };
    const services = file.server.runtime.container.services;
    const room = await services.rooms.create(me, { name: "Search page", description: null });
    const posts = [];
    for (const message of messages) {
      file.server.runtime.clock.advance(1000);
      posts.push(await services.posts.create(me.id, room.id, { message }));
    }
    const get = (query: string) => rawRequest(`${file.server.url}/room/${room.id}?${query}`, { headers: { Cookie: person.cookie } });
    return { room, posts, get };
  }

  it("shows the matching posts with the words marked and escaped, each linked to its place in the feed", async () => {
    const { room, posts, get } = await pageRoom(["Launch <b>plan</b>", "lunch", "plan B"]);
    const response = await get("q=PLAN");
    expect(response.status).toBe(200);
    // React's server rendering puts <!-- --> between neighbouring pieces of text.
    const html = response.body.replaceAll("<!-- -->", "");
    expect(html).toContain("2 posts match");
    expect(html).toContain("Launch &lt;b&gt;<mark>plan</mark>&lt;/b&gt;");
    expect(html).toContain("<mark>plan</mark> B");
    expect(html).not.toContain("lunch");
    expect(html).toContain(`href="/room/${room.id}?at=${posts[0]!.id}#post-${posts[0]!.id}"`);
    expect(html).toMatch(new RegExp(`href="/room/${room.id}"[^>]*>Clear search`));
    expect(html).not.toContain('name="message"'); // no composer while searching
  });

  it("makes at most 4 SQL queries, members list open", async () => {
    const { get } = await pageRoom(["plan one", "plan two"]);
    const sequelize = file.server.runtime.sequelize as unknown as { options: { logging: unknown } };
    const statements: string[] = [];
    const previous = sequelize.options.logging;
    sequelize.options.logging = (statement: string) => void statements.push(statement);
    let response;
    try {
      response = await get("q=plan&members=open");
    } finally {
      sequelize.options.logging = previous;
    }
    expect(response.status).toBe(200);
    expect(response.body).toContain('id="members-panel"');
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(4);
  });

  it("says when nothing matches", async () => {
    const { get } = await pageRoom(["hello"]);
    const response = await get("q=zebra");
    expect(response.status).toBe(200);
    expect(response.body).toContain("No posts match.");
  });

  it("answers 400 with the message by the search box for a q it cannot search, and still shows the feed", async () => {
    const { get } = await pageRoom(["hello there"]);
    const response = await get("q=x");
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/id="q-error"[^>]*>Search for at least 2 characters/);
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toContain("hello there");
  });

  it("?at= shows the feed page that ends with that post, and the way back to the newest", async () => {
    const { posts, get } = await pageRoom(Array.from({ length: 60 }, (_, i) => `post number ${i + 1}.`));
    const response = await get(`at=${posts[4]!.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toContain(`id="post-${posts[4]!.id}"`);
    expect(response.body).toContain("post number 1.");
    expect(response.body).not.toContain("post number 6.");
    expect(response.body).toContain("Jump to the newest posts");
  });
});
