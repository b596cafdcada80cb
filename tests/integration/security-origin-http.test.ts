import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpByForm } from "../support/http-accounts";
import { rawRequest } from "../support/http-client";
import { loadRemixBuild, startTestServer } from "../support/test-server";

// SECURITY.md item 44: the LiveKit webhook is the only route exempt from the Origin check.
let server: Awaited<ReturnType<typeof startTestServer>>;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: "loopback" } });
  cookie = (await signUpByForm(server.url)).cookie;
});
afterAll(async () => {
  await server?.close();
});

const SOME_ID = "00000000-0000-4000-8000-000000000000";
const WEBHOOK = "/api/livekit/webhook";

/** Every route with an action, from the Remix build's own manifest, as a concrete path. */
function routesWithAnAction(): string[] {
  const build = loadRemixBuild();
  return Object.values(build.routes)
    .filter((route) => route.module.action)
    .map((route) => `/${(route.path ?? "").replace(/:[^/]+/g, SOME_ID)}`);
}

describe("item 44: cross-site writes", () => {
  it("every route with an action answers 403 to a cross-site request carrying the session cookie, except the LiveKit webhook", async () => {
    const paths = routesWithAnAction();
    expect(paths).toContain(WEBHOOK);
    expect(paths.filter((p) => p.startsWith("/api/")).length).toBeGreaterThan(5);
    expect(paths.filter((p) => !p.startsWith("/api/")).length).toBeGreaterThan(5);

    const exempt: string[] = [];
    for (const target of paths) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        for (const contentType of ["application/x-www-form-urlencoded", "application/json"]) {
          const body = contentType === "application/json" ? "{}" : "intent=delete";
          const response = await rawRequest(`${server.url}${target}`, {
            method,
            headers: { Origin: "https://evil.test", Cookie: cookie, "Content-Type": contentType, "Content-Length": String(body.length) },
            body,
          }).catch((error: Error) => {
            throw new Error(`${method} ${target}: ${error.message}`);
          });
          if (response.status !== 403) exempt.push(`${method} ${target} (${contentType}) → ${response.status}`);
        }
      }
    }
    // The webhook's own check is its signature: a POST without one gets 401 (item 61 covers the
    // rest); it takes no other method.
    expect(
      exempt.filter((line) => !line.includes(` ${WEBHOOK} `)),
      "not exempt",
    ).toEqual([]);
    for (const line of exempt) expect(line).toMatch(line.startsWith("POST ") ? /→ 401$/ : /→ 405$/);
    expect(exempt.filter((line) => line.startsWith("POST "))).toHaveLength(2);
  });

  it("the API's documented exemption is only for calls with no ambient credentials: a cookie makes it 403", async () => {
    const crossSite = (headers: Record<string, string>) =>
      rawRequest(`${server.url}/api/rooms`, {
        method: "POST",
        headers: { Origin: "https://evil.test", "Content-Type": "application/json", ...headers },
        body: JSON.stringify({ room_name: "Forged" }),
      });
    expect((await crossSite({ Cookie: cookie })).status).toBe(403);
    expect((await crossSite({ Cookie: cookie, "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    // No cookie, no Bearer token: nothing to abuse, so the API itself answers (401: sign in first).
    expect((await crossSite({})).status).toBe(401);
    const rooms = await server.runtime.sequelize.query("select 1 from rooms where room_name = 'Forged'");
    expect(rooms[0]).toEqual([]);
  });
});
