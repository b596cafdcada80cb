import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { honeypotFields, postForm, rawRequest } from "../support/http-client";
import { latestResetLink, tokenOf } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";
import { signUpByForm, TEST_PASSPHRASE } from "../support/http-accounts";
import { newUserData } from "../support/user-factory";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  await server.runtime.container.startWorkers(["reset-requests"]);
});
afterAll(async () => {
  await server?.close();
});

const PASSWORD = TEST_PASSPHRASE;

const signUp = () => signUpByForm(server.url);

async function signIn(email: string, password = PASSWORD, cookie?: string) {
  return postForm(
    server.url,
    "/auth/signin",
    { ...(await honeypotFields(server.url, "/auth/signin")), email, password },
    cookie ? { Cookie: cookie } : {},
  );
}

const isSignedIn = async (cookie: string) => (await rawRequest(`${server.url}/home`, { headers: { Cookie: cookie } })).status === 200;

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, host-wide and expiring; the page that sets it is not cached", async () => {
    const user = await signUp();
    const response = await signIn(user.email);
    const line = response.setCookie.find((c) => c.startsWith("parley_session="))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    expect(line).not.toMatch(/Domain=/i);
    expect(line).toMatch(/Expires=/i);
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("is new on every sign-in, and the one from before sign-in is not authenticated", async () => {
    const user = await signUp();
    const before = "parley_session=not-a-real-session-token";
    const first = await signIn(user.email, PASSWORD, before);
    const second = await signIn(user.email);
    expect(first.cookies.parley_session).toBeTruthy();
    expect(first.cookies.parley_session).not.toBe(second.cookies.parley_session);
    expect(await isSignedIn(before)).toBe(false);
    expect(await isSignedIn(`parley_session=${first.cookies.parley_session}`)).toBe(true);
  });
});

describe("signing out", () => {
  it("GET changes nothing; POST ends the session row and expires the cookie", async () => {
    const user = await signUp();
    const get = await rawRequest(`${server.url}/auth/signout`, { headers: { Cookie: user.cookie } });
    expect(get.status).toBe(302);
    expect(await isSignedIn(user.cookie)).toBe(true);

    const post = await postForm(server.url, "/auth/signout", {}, { Cookie: user.cookie });
    expect(post.status).toBe(302);
    expect(post.setCookie.find((c) => c.startsWith("parley_session="))).toMatch(/Max-Age=0/);
    expect(await isSignedIn(user.cookie)).toBe(false);
  });
});

describe("a password reset", () => {
  it("ends every other session: session A is rejected after B resets through the email", async () => {
    const user = await signUp();
    const sessionA = user.cookie;
    expect(await isSignedIn(sessionA)).toBe(true);

    const request = await postForm(server.url, "/auth/reset-password", {
      ...(await honeypotFields(server.url, "/auth/reset-password")),
      email: user.email,
    });
    expect(request.status).toBe(200);
    const token = tokenOf(await latestResetLink(server.runtime, user.email));
    const reset = await postForm(server.url, "/auth/reset-password-form", {
      token,
      password: "completely new passphrase",
      confirmPassword: "completely new passphrase",
    });
    expect(reset.status).toBe(302);
    expect(reset.headers.location).toBe("/auth/signin");
    // Not signed in automatically.
    expect(reset.cookies.parley_session).toBeUndefined();
    expect(await isSignedIn(sessionA)).toBe(false);
    expect((await signIn(user.email)).status).toBe(401);
    expect((await signIn(user.email, "completely new passphrase")).status).toBe(302);
  });

  it("builds its link from APP_URL only, whatever Host or X-Forwarded-Host says", async () => {
    const user = await signUp();
    const fields = { ...(await honeypotFields(server.url, "/auth/reset-password")), email: user.email };
    const response = await postForm(server.url, "/auth/reset-password", fields, {
      Host: "evil.test",
      "X-Forwarded-Host": "evil.test",
      Origin: "http://evil.test",
    });
    // The forged Host makes the origin check compare against evil.test, so this still goes through…
    expect(response.status).toBe(200);
    const link = await latestResetLink(server.runtime, user.email);
    // …but the emailed link comes only from configuration.
    expect(link.startsWith(`${server.runtime.config.appUrl}/auth/reset-password-form?token=`)).toBe(true);
  });

  it("answers an unknown address exactly like a known one", async () => {
    const user = await signUp();
    const ask = async (email: string) =>
      postForm(server.url, "/auth/reset-password", { ...(await honeypotFields(server.url, "/auth/reset-password")), email });
    const known = await ask(user.email);
    const unknown = await ask(`nobody.${user.email}`);
    expect(unknown.status).toBe(known.status);
    const strip = (body: string, email: string) =>
      body
        .replaceAll(email, "EMAIL")
        .replace(/nonce="[^"]+"/g, "")
        .replace(/value="[^"]*"/g, "")
        .replace(/"encryptedValidFrom":"[^"]*"/g, "")
        .replace(/"from__confirm":"[^"]*"/g, "");
    expect(strip(unknown.body, `nobody.${user.email}`)).toBe(strip(known.body, user.email));
  });
});

describe("sign-in failures", () => {
  it("look the same for an unknown email and a wrong password: status, body and cookies", async () => {
    const user = await signUp();
    const wrong = await signIn(user.email, "not the right password");
    const unknown = await signIn(`nobody.${user.email}`, "not the right password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    expect(Object.keys(unknown.cookies)).toEqual(Object.keys(wrong.cookies));
    const strip = (body: string, email: string) =>
      body
        .replaceAll(email, "EMAIL")
        .replace(/nonce="[^"]+"/g, "")
        .replace(/value="[^"]*"/g, "")
        .replace(/"encryptedValidFrom":"[^"]*"/g, "")
        .replace(/"from__confirm":"[^"]*"/g, "");
    expect(strip(unknown.body, `nobody.${user.email}`)).toBe(strip(wrong.body, user.email));
  });
});

describe("mass assignment", () => {
  it("sign-up ignores fields such as id, isActive or emailVerifiedAt", async () => {
    const person = newUserData({ prefix: "m", name: "Mass" });
    const response = await postForm(server.url, "/auth/signup", {
      ...(await honeypotFields(server.url, "/auth/signup")),
      ...person,
      confirmPassword: person.password,
      id: "00000000-0000-0000-0000-000000000001",
      isActive: "false",
      is_active: "false",
      emailVerifiedAt: "2020-01-01",
      role: "admin",
    });
    expect(response.status).toBe(302);
    const [rows] = await server.runtime.sequelize.query("select id, is_active, email_verified_at from users where email = :email", {
      replacements: { email: person.email },
    });
    const row = (rows as Array<{ id: string; is_active: boolean; email_verified_at: Date | null }>)[0]!;
    expect(row.id).not.toBe("00000000-0000-0000-0000-000000000001");
    expect(row.is_active).toBe(true);
    expect(row.email_verified_at).toBeNull();
  });
});
