import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";
import { startRuntime } from "../../server/bootstrap";
import { signInByForm, signUpByForm, isSignedIn, jwtOfSessionCookie } from "../support/http-accounts";
import { postForm, rawRequest } from "../support/http-client";
import { startTestServer } from "../support/test-server";

// SECURITY.md items 18 (session ids and the JWT secret) and 24 (ending sessions), over real HTTP.
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: "loopback" } });
});
afterAll(async () => {
  await server?.close();
});

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const signedIn = (cookie: string) => isSignedIn(server.url, cookie);
const sql = async (text: string, replacements: Record<string, unknown>) =>
  (await server.runtime.sequelize.query(text, { replacements }))[0] as Array<Record<string, unknown>>;

describe("item 18: the session id inside the JWT", () => {
  it("is at least 128 random bits, base64url, not a UUID, and new on every sign-in", async () => {
    const user = await signUpByForm(server.url);
    const sids = [user.cookie, await signInByForm(server.url, user.email), await signInByForm(server.url, user.email)].map(
      (cookie) => jwtOfSessionCookie(cookie).claims.sid as string,
    );
    for (const sid of sids) {
      expect(typeof sid).toBe("string");
      expect(sid).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(sid).not.toMatch(UUID);
      expect(Buffer.from(sid, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    }
    expect(new Set(sids).size).toBe(3);
    // The id in the token is the id of the row: nothing else names the session.
    const rows = await sql("select id from sessions where id in (:sids)", { sids });
    expect(rows).toHaveLength(3);
  });
});

describe("item 18: the HS256 secret", () => {
  // Random-looking values (32 distinct characters), so only the length is under test here.
  const RANDOM_32 = "Zq3xV8pL1mN4bR7tY2wK9sD6fH0jG5cA";
  const base = { DATA_DIR: ".data/test", APP_URL: "http://parley.test", SESSION_SECRET: `${RANDOM_32}${RANDOM_32}` };

  it.each(["development", "test", "production"])("is at least 256 bits (32 bytes) in %s; a shorter one is refused by name", (env) => {
    const extra =
      env === "production" ? { EMAIL_PROVIDER: "sendgrid", SENDGRID_API_KEY: "SG.k", DATABASE_URL: "postgres://db.internal/parley" } : {};
    const short = () => loadConfig({ ...base, ...extra, NODE_ENV: env, JWT_SECRET: RANDOM_32.slice(0, 31) });
    expect(short).toThrowError(ConfigError);
    expect(short).toThrowError(/JWT_SECRET must be at least 32 characters/);
    expect(loadConfig({ ...base, ...extra, NODE_ENV: env, JWT_SECRET: RANDOM_32 }).jwtSecret).toHaveLength(32);
  });

  it("a short secret stops the app from booting, before it starts anything", async () => {
    // Were the secret accepted, boot would fail later and differently: no database answers there.
    const env = {
      ...base,
      NODE_ENV: "test",
      DATABASE_URL: "postgres://127.0.0.1:1/none",
      LIVEKIT_LOCAL: "off",
      JWT_SECRET: "too-short-a-secret",
    };
    await expect(startRuntime({ env })).rejects.toThrowError(/JWT_SECRET must be at least 32 characters/);
  });
});

describe("item 24: signing out other sessions", () => {
  it("ends every other session of the account and keeps this one", async () => {
    const user = await signUpByForm(server.url);
    const other = await signInByForm(server.url, user.email);
    const stranger = await signUpByForm(server.url);
    expect(await signedIn(other)).toBe(true);

    const response = await postForm(server.url, "/profile", { intent: "sign-out-others" }, { Cookie: user.cookie });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/profile");
    expect(response.cookies.parley_session).toBeUndefined();
    expect(await signedIn(other)).toBe(false);
    expect(await signedIn(user.cookie)).toBe(true);
    // Someone else's sessions are not touched.
    expect(await signedIn(stranger.cookie)).toBe(true);
  });

  it("is offered on the profile page as a form that works without JavaScript", async () => {
    const user = await signUpByForm(server.url);
    const page = await rawRequest(`${server.url}/profile`, { headers: { Cookie: user.cookie } });
    expect(page.body).toMatch(/<input type="hidden" name="intent" value="sign-out-others"\/>/);
    expect(page.body).toContain("Sign out other sessions");
  });
});

describe("item 24: a disabled or deleted user", () => {
  it("disabling the account (is_active = false) ends all its sessions, cookie and API token alike", async () => {
    const user = await signUpByForm(server.url);
    const second = await signInByForm(server.url, user.email);
    const bearer = jwtOfSessionCookie(second).jwt;
    const api = () => rawRequest(`${server.url}/api/rooms`, { headers: { Authorization: `Bearer ${bearer}` } });
    expect((await api()).status).toBe(200);

    await sql("update users set is_active = false where email = :email", { email: user.email });
    expect(await signedIn(user.cookie)).toBe(false);
    expect(await signedIn(second)).toBe(false);
    expect((await api()).status).toBe(401);
  });

  it("deleting the account ends all its sessions", async () => {
    const user = await signUpByForm(server.url);
    const second = await signInByForm(server.url, user.email);
    await sql("delete from users where email = :email", { email: user.email });
    expect(await signedIn(user.cookie)).toBe(false);
    expect(await signedIn(second)).toBe(false);
  });
});
