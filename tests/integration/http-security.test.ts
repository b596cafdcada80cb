import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { honeypotFields, postForm, rawRequest } from "../support/http-client";
import { loadRemixBuild, startTestServer } from "../support/test-server";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function csp(header: string | string[] | undefined) {
  const directives = new Map<string, string>();
  for (const part of String(header).split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values.join(" "));
  }
  return directives;
}

describe("response headers", () => {
  it("every HTML page has an enforced nonce-based CSP whose nonce is on every script and changes per response", async () => {
    const first = await rawRequest(`${server.url}/auth/signin`);
    const second = await rawRequest(`${server.url}/auth/signin`);
    expect(first.headers["content-security-policy-report-only"]).toBeUndefined();
    const policy = csp(first.headers["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(policy.get("script-src") ?? "")?.[1];
    expect(nonce).toBeDefined();
    expect(Buffer.from(nonce!, "base64").length).toBeGreaterThanOrEqual(16);
    expect(policy.get("script-src")).toContain("'strict-dynamic'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("form-action")).toBe("'self'");
    const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const otherNonce = /'nonce-([^']+)'/.exec(csp(second.headers["content-security-policy"]).get("script-src") ?? "")?.[1];
    expect(otherNonce).not.toBe(nonce);
  });

  it.each(["/auth/signin", "/no-such-page", "/favicon.svg"])("%s carries the baseline security headers", async (path) => {
    const response = await rawRequest(`${server.url}${path}`);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(response.headers["x-powered-by"]).toBeUndefined();
    expect(response.headers["permissions-policy"]).toBe("camera=(self), microphone=(self), display-capture=(self), geolocation=()");
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("a missing page is a friendly 404", async () => {
    const response = await rawRequest(`${server.url}/no-such-page`);
    expect(response.status).toBe(404);
    expect(response.body).toContain("Page not found");
  });

  it("pages are never cached", async () => {
    const response = await rawRequest(`${server.url}/auth/signin`);
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("never reflects a foreign Origin in CORS headers", async () => {
    const response = await rawRequest(`${server.url}/auth/signin`, { headers: { Origin: "https://evil.test" } });
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    expect(response.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("does not serve secrets or repository files, and refuses TRACE", async () => {
    expect((await rawRequest(`${server.url}/.env`)).status).toBe(404);
    expect((await rawRequest(`${server.url}/.git/HEAD`)).status).toBe(404);
    expect((await rawRequest(`${server.url}/`, { method: "TRACE" })).status).toBe(405);
  });
});

describe("cross-site requests are refused on every form action", () => {
  const actions = ["/auth/signin", "/auth/signup", "/auth/reset-password", "/auth/reset-password-form", "/auth/signout"];
  const body = "email=a%40b.io&password=x";

  it.each(actions)("%s answers 403 to a foreign Origin, a cross-site fetch and a request with neither Origin nor Referer", async (path) => {
    const type = { "Content-Type": "application/x-www-form-urlencoded" };
    const post = (headers: Record<string, string>) =>
      rawRequest(`${server.url}${path}`, { method: "POST", headers: { ...type, ...headers }, body });
    expect((await post({ Origin: "https://evil.test" })).status).toBe(403);
    expect((await post({ Origin: `${server.url}.evil.test` })).status).toBe(403);
    expect((await post({ Origin: "null" })).status).toBe(403);
    expect((await post({ Origin: server.url, "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await post({ Origin: server.url, "Sec-Fetch-Site": "same-site" })).status).toBe(403);
    // A form on a no-referrer page posts with Origin "null"; Fetch Metadata still says same-origin.
    expect((await post({ Origin: "null", "Sec-Fetch-Site": "same-origin" })).status).not.toBe(403);
    expect((await post({ Referer: "https://evil.test/page" })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ Origin: server.url })).status).not.toBe(403);
    expect((await post({ Referer: `${server.url}/auth/signin` })).status).not.toBe(403);
  });
});

describe("bad input never gives a 500", () => {
  const actions = ["/auth/signin", "/auth/signup", "/auth/reset-password", "/auth/reset-password-form"];
  const cases: Array<[string, { headers?: Record<string, string>; body: string | Buffer }]> = [
    ["no fields", { body: "" }],
    ["malformed encoding", { body: "email=%E0%A4%A&password=%%%" }],
    [
      "non-UTF-8 bytes",
      { body: Buffer.concat([Buffer.from("email=a%40b.io&name="), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from("&password=")]) },
    ],
    [
      "non-UTF-8 percent-encoded",
      { body: "email=a%40b.io&username=%FF%FE&name=%C3%28&password=abcdefghijkl&confirmPassword=abcdefghijkl&token=%FF" },
    ],
    [
      "oversized fields",
      {
        body: `email=${"a".repeat(5000)}%40b.io&password=${"p".repeat(5000)}&username=${"u".repeat(500)}&name=${"n".repeat(500)}&token=${"t".repeat(500)}`,
      },
    ],
    ["JSON instead of a form", { headers: { "Content-Type": "application/json" }, body: '{"email":"a@b.io"}' }],
    ["a body over the size limit", { body: `email=${"a".repeat(300 * 1024)}` }],
  ];

  for (const path of actions) {
    it.each(cases)(`${path}: %s → 4xx`, async (_name, { headers, body }) => {
      const response = await rawRequest(`${server.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, ...headers },
        body,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    });
  }

  it("a filled honeypot is refused and creates no account", async () => {
    const fields = await honeypotFields(server.url, "/auth/signup");
    const response = await postForm(server.url, "/auth/signup", {
      ...fields,
      name__confirm: "I am a bot",
      username: "honeybot",
      email: "bot@example.test",
      name: "Bot",
      password: "a very long password 1",
      confirmPassword: "a very long password 1",
    });
    expect(response.status).toBe(400);
    const [rows] = await server.runtime.sequelize.query("select count(*)::int as n from users where email = 'bot@example.test'");
    expect((rows as Array<{ n: number }>)[0]!.n).toBe(0);
  });
});

describe("pages for members", () => {
  it("send anonymous visitors to sign-in, remembering where they were going", async () => {
    const response = await rawRequest(`${server.url}/home`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/auth/signin?redirectTo=%2Fhome");
  });
});

describe("every route of the app, asked anonymously", () => {
  /**
   * Pages anyone may see. Everything else must send a visitor to sign-in (or 404/405). The invite
   * link page is for people without an account (its token is the credential), and the "you left"
   * page names a room only to a guest holding that room's pass.
   */
  const PUBLIC = new Set([
    "root",
    "routes/_index",
    "routes/auth.signin",
    "routes/auth.signup",
    "routes/auth.reset-password",
    "routes/auth.reset-password-form",
    // Its token is the credential; signed-out browsers may confirm too (then they sign in afresh).
    "routes/auth.verify-email",
    "routes/auth.signout",
    "routes/dev.mail._index",
    "routes/dev.mail.$messageId",
    "routes/room.$roomId_.join",
    "routes/room.$roomId_.left",
    // The API's ways in, and its description.
    "routes/api.auth.signup",
    "routes/api.auth.signin",
    "routes/api.auth.reset-password",
    "routes/api.auth.reset-password.confirm",
    "routes/api.openapi[.]json",
  ]);

  it("gives no member data to a request without a session", async () => {
    const build = loadRemixBuild();
    const routes = Object.values(build.routes) as Array<{
      id: string;
      path?: string;
      parentId?: string;
      module: { loader?: unknown; action?: unknown };
    }>;
    const members = routes.filter((route) => !PUBLIC.has(route.id));
    expect(members.length).toBeGreaterThan(0);
    for (const route of members) {
      const path = `/${(route.path ?? "").replace(/:[^/]+/g, "00000000-0000-0000-0000-000000000000")}`;
      if (route.module.loader) {
        const response = await rawRequest(`${server.url}${path}`);
        expect([302, 401, 404, 405], `GET ${path}`).toContain(response.status);
        if (response.status === 302) expect(response.headers.location).toMatch(/^\/auth\/signin/);
      }
      if (route.module.action) {
        const response = await rawRequest(`${server.url}${path}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
          body: "",
        });
        // 415: the JSON API refuses a form body before anything else.
        expect([302, 401, 404, 405, 415], `POST ${path}`).toContain(response.status);
        if (response.status === 302) expect(response.headers.location).toMatch(/^\/auth\/signin/);
      }
    }
  });
});
