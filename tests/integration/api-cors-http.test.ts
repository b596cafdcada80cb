import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, bodyOf } from "../support/api-client";
import { honeypotFields, postForm } from "../support/http-client";
import { startTestServer } from "../support/test-server";

// CORS_ALLOWED_ORIGINS (original spec §4.1, §8.2): a browser client on a listed origin may call
// /api with a Bearer token; nobody else gets CORS headers, and never with credentials.
const FRONT_END = "https://front.example.test";
const STRANGER = "https://evil.example.test";
const PASSWORD = "a cors test passphrase";

let server: Awaited<ReturnType<typeof startTestServer>>;
let client: ReturnType<typeof apiClient>;
let token = "";

beforeAll(async () => {
  server = await startTestServer({ env: { CORS_ALLOWED_ORIGINS: `${FRONT_END}, https://other.example.test` } });
  client = apiClient(server.url);
  const signup = await client.post("/api/auth/signup", {
    username: "cors_user",
    email: "cors.user@example.test",
    name: "Cors User",
    password: PASSWORD,
    confirm_password: PASSWORD,
  });
  token = bodyOf(signup).token;
});
afterAll(async () => {
  await server?.close();
});

const preflight = (origin: string, method = "POST") =>
  client.call("OPTIONS", "/api/rooms", {
    headers: { Origin: origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization, content-type" },
  });

describe("CORS for the origins in CORS_ALLOWED_ORIGINS", () => {
  it("answers a listed origin's preflight for Bearer JSON calls, without credentials", async () => {
    const response = await preflight(FRONT_END);
    expect(response.status).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBe(FRONT_END);
    expect(response.headers["access-control-allow-methods"]).toMatch(/POST/);
    expect(response.headers["access-control-allow-headers"]).toMatch(/Authorization/i);
    expect(response.headers["access-control-allow-headers"]).toMatch(/Content-Type/i);
    expect(response.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(response.headers.vary).toMatch(/Origin/);
  });

  it("gives any other origin's preflight no CORS headers, so its browser stops there", async () => {
    for (const origin of [STRANGER, "null", `${FRONT_END}.evil.test`, "http://front.example.test"]) {
      const response = await preflight(origin);
      expect(response.headers["access-control-allow-origin"], origin).toBeUndefined();
      expect(response.headers["access-control-allow-methods"], origin).toBeUndefined();
    }
  });

  it("lets the listed origin call with a Bearer token and read the Link header", async () => {
    for (const name of ["Cors one", "Cors two"]) {
      const created = await client.call("POST", "/api/rooms", { token, body: { room_name: name }, headers: { Origin: FRONT_END } });
      expect(created.status).toBe(201);
      expect(created.headers["access-control-allow-origin"]).toBe(FRONT_END);
    }
    const list = await client.call("GET", "/api/rooms?limit=1", { token, headers: { Origin: FRONT_END } });
    expect(list.status).toBe(200);
    expect(list.headers["access-control-allow-origin"]).toBe(FRONT_END);
    expect(list.headers["access-control-expose-headers"]).toMatch(/Link/);
    expect(list.headers.link).toMatch(/rel="next"/);
    expect(list.headers["access-control-allow-credentials"]).toBeUndefined();
    const stranger = await client.call("GET", "/api/rooms", { token, headers: { Origin: STRANGER } });
    expect(stranger.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("never honours the session cookie from another origin, listed or not: Bearer only", async () => {
    const form = await postForm(server.url, "/auth/signin", {
      ...(await honeypotFields(server.url, "/auth/signin")),
      email: "cors.user@example.test",
      password: PASSWORD,
    });
    const cookie = `parley_session=${form.cookies.parley_session}`;
    expect((await client.call("GET", "/api/rooms", { headers: { Cookie: cookie, Origin: server.url } })).status).toBe(200);
    for (const origin of [FRONT_END, STRANGER]) {
      const read = await client.call("GET", "/api/rooms", { headers: { Cookie: cookie, Origin: origin } });
      expect([read.status, bodyOf(read).code], origin).toEqual([401, "unauthorized"]);
      const write = await client.call("POST", "/api/rooms", { body: { room_name: "Forged" }, headers: { Cookie: cookie, Origin: origin } });
      expect(write.status, origin).toBe(403);
    }
  });
});

describe("without CORS_ALLOWED_ORIGINS (the default)", () => {
  it("sends no CORS header to anyone", async () => {
    const plain = await startTestServer();
    try {
      const api = apiClient(plain.url);
      const response = await api.call("OPTIONS", "/api/rooms", {
        headers: { Origin: FRONT_END, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization" },
      });
      expect(response.headers["access-control-allow-origin"]).toBeUndefined();
      const get = await api.call("GET", "/api/openapi.json", { headers: { Origin: FRONT_END } });
      expect(get.headers["access-control-allow-origin"]).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
