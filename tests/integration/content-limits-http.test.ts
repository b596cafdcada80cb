import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, bodyOf } from "../support/api-client";
import { signUpByForm } from "../support/http-accounts";
import { postForm } from "../support/http-client";
import { queryRows } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";
import { newUserData } from "../support/user-factory";

// Issue 12: posting (60 a minute) and room creation (30 an hour) are limited per person, and over
// the limit the page's form says so with 429 and Retry-After, as the JSON API does.
let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.url);
});
afterAll(async () => {
  await server?.close();
});

const pageUser = async (prefix: string) => (await signUpByForm(server.url, { prefix })).cookie;

async function apiUser(prefix: string) {
  const user = newUserData({ prefix });
  const response = await api.post("/api/auth/signup", { ...user, confirm_password: user.password });
  expect(response.status).toBe(201);
  return bodyOf(response).token as string;
}

/**
 * `count` calls, ten at a time: the 60 posts must land within the limit's one-minute window even
 * on a busy machine.
 */
async function inParallel<T>(count: number, call: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += 10) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(10, count - start) }, (_, k) => call(start + k)))));
  }
  return results;
}

const countRows = async (sql: string, replacements: Record<string, unknown>) =>
  Number((await queryRows(server.runtime, sql, replacements))[0]!.count);

function expectReadable429(response: { status: number; headers: Record<string, unknown>; body: string }) {
  expect(response.status).toBe(429);
  expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
  expect(response.body).toMatch(/role="alert"[^>]*>(<[^>]*>)*Too many attempts\. Please wait/);
}

describe("posting is limited per person", () => {
  it("the page: the 61st post in a minute gets 429 with Retry-After and a readable message by the composer; nothing is stored", async () => {
    const cookie = await pageUser("poster_page");
    const roomPath = (await postForm(server.url, "/home/new", { name: "Chatty" }, { Cookie: cookie })).headers.location!;
    const roomId = roomPath.split("/").pop()!;
    const statuses = await inParallel(60, (i) =>
      postForm(server.url, roomPath, { intent: "post", message: `post ${i}` }, { Cookie: cookie }).then((r) => r.status),
    );
    expect(statuses).toEqual(Array(60).fill(302));
    const refused = await postForm(server.url, roomPath, { intent: "post", message: "one too many" }, { Cookie: cookie });
    expectReadable429(refused);
    expect(await countRows("select count(*) from posts where room_id = :roomId", { roomId })).toBe(60);
  }, 60_000);

  it("the API: the 61st post in a minute gets 429 with Retry-After and a JSON message", async () => {
    const token = await apiUser("poster_api");
    const room = bodyOf(await api.post("/api/rooms", { room_name: "Chatty API", description: "Posts by script" }, token)) as { id: string };
    const statuses = await inParallel(60, (i) =>
      api.post(`/api/rooms/${room.id}/posts`, { message: `post ${i}` }, token).then((r) => r.status),
    );
    expect(statuses).toEqual(Array(60).fill(201));
    const refused = await api.post(`/api/rooms/${room.id}/posts`, { message: "one too many" }, token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(bodyOf(refused).message).toMatch(/Too many attempts/);
    expect(await countRows("select count(*) from posts where room_id = :roomId", { roomId: room.id })).toBe(60);
  }, 60_000);
});

describe("room creation is limited per person", () => {
  it("the page: the 31st room in an hour gets 429 with Retry-After and a readable message on the form; no room is made", async () => {
    const cookie = await pageUser("builder_page");
    for (let i = 0; i < 30; i++)
      expect((await postForm(server.url, "/home/new", { name: `Room ${i}` }, { Cookie: cookie })).status).toBe(302);
    const refused = await postForm(server.url, "/home/new", { name: "One too many" }, { Cookie: cookie });
    expectReadable429(refused);
    expect(await countRows("select count(*) from rooms where room_name = 'One too many'", {})).toBe(0);
  }, 60_000);

  it("the API: the 31st room in an hour gets 429 with Retry-After and a JSON message", async () => {
    const token = await apiUser("builder_api");
    for (let i = 0; i < 30; i++)
      expect((await api.post("/api/rooms", { room_name: `API room ${i}`, description: "By script" }, token)).status).toBe(201);
    const refused = await api.post("/api/rooms", { room_name: "One too many by API", description: "By script" }, token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(bodyOf(refused).message).toMatch(/Too many attempts/);
    expect(await countRows("select count(*) from rooms where room_name = 'One too many by API'", {})).toBe(0);
  }, 60_000);
});
