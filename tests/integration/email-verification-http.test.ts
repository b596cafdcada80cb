import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { honeypotFields, postForm, rawRequest } from "../support/http-client";
import { startTestServer } from "../support/test-server";
import { signUpByForm, TEST_PASSPHRASE } from "../support/http-accounts";

// Proving an address over real HTTP: the link page, the session swap, the banner's Resend, the
// profile's email change and its throttle.
let server: Awaited<ReturnType<typeof startTestServer>>;
const PASSWORD = TEST_PASSPHRASE;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const cookieOf = (response: { cookies: Record<string, string> }) => `parley_session=${response.cookies.parley_session}`;
const page = (path: string, cookie?: string) => rawRequest(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
const isSignedIn = async (cookie: string) => (await page("/home", cookie)).status === 200;
const decoded = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

const signUp = () => signUpByForm(server.url);

async function signIn(email: string, password = PASSWORD) {
  const response = await postForm(server.url, "/auth/signin", { ...(await honeypotFields(server.url, "/auth/signin")), email, password });
  expect(response.status).toBe(302);
  return cookieOf(response);
}

async function outbox(email: string, kind: string) {
  const [rows] = await server.runtime.sequelize.query(
    "select text_body from email_outbox where to_email = :email and kind = :kind order by created_at",
    {
      replacements: { email, kind },
    },
  );
  return (rows as Array<{ text_body: string }>).map((r) => r.text_body);
}

async function latestLinkPath(email: string, kind = "email-verify") {
  const texts = await outbox(email, kind);
  return /\/auth\/verify-email\?token=[\w-]+/.exec(texts.at(-1) ?? "")![0];
}

describe("the verification link", () => {
  it("GET shows a confirm button and spends nothing, with no Referer leaving the page", async () => {
    const user = await signUp();
    const path = await latestLinkPath(user.email);
    for (const cookie of [undefined, user.cookie]) {
      const response = await page(path, cookie);
      expect(response.status).toBe(200);
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
      expect(response.body).toContain("Confirm my address");
    }
    const [rows] = await server.runtime.sequelize.query(
      "select used_at from email_verification_tokens t join users u on u.id = t.user_id where u.email = :email",
      {
        replacements: { email: user.email },
      },
    );
    expect(rows).toEqual([{ used_at: null }]);
  });

  it("POST proves the address and replaces every session by a fresh one for this browser (SECURITY 35); a second use fails clearly", async () => {
    const user = await signUp();
    const elsewhere = await signIn(user.email);
    const path = await latestLinkPath(user.email);
    const token = new URL(path, server.url).searchParams.get("token")!;
    expect(decoded((await page("/home", user.cookie)).body)).toContain("Confirm your email address");

    const confirmed = await postForm(server.url, "/auth/verify-email", { token }, { Cookie: user.cookie });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.location).toBe("/home");
    const fresh = cookieOf(confirmed);
    expect(fresh).not.toBe(user.cookie);
    expect(await isSignedIn(user.cookie)).toBe(false);
    expect(await isSignedIn(elsewhere)).toBe(false);
    expect(await isSignedIn(fresh)).toBe(true);
    expect(decoded((await page("/home", fresh)).body)).not.toContain("Confirm your email address");

    const again = await postForm(server.url, "/auth/verify-email", { token }, { Cookie: fresh });
    expect(again.status).toBe(410);
    expect(decoded(again.body)).toContain("This link no longer works");
    expect((await page(path)).status).toBe(410);
    expect(await isSignedIn(fresh)).toBe(true);
  });

  it("confirmed from a signed-out browser: every session ends and it is sent to sign in with a notice", async () => {
    const user = await signUp();
    const token = new URL(await latestLinkPath(user.email), server.url).searchParams.get("token")!;
    const confirmed = await postForm(server.url, "/auth/verify-email", { token });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.location).toBe("/auth/signin");
    expect(confirmed.cookies.parley_session).toBeUndefined();
    expect(await isSignedIn(user.cookie)).toBe(false);
  });
});

describe("Resend", () => {
  it("sends a new link that voids the old one; over the limit it answers the same and sends nothing", async () => {
    const user = await signUp();
    const first = await latestLinkPath(user.email);
    const answers = [];
    for (let i = 0; i < 6; i++) {
      const response = await postForm(server.url, "/auth/resend-verification", { redirectTo: "/invites" }, { Cookie: user.cookie });
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe("/invites");
      answers.push(response.setCookie.length);
    }
    expect(new Set(answers).size).toBe(1);
    expect(await outbox(user.email, "email-verify")).toHaveLength(1 + 5);
    expect((await page(first)).status).toBe(410);
    expect((await page(await latestLinkPath(user.email))).status).toBe(200);
  });
});

describe("My invites, unproven", () => {
  it("says why the list is empty", async () => {
    const user = await signUp();
    expect(decoded((await page("/invites", user.cookie)).body)).toContain("Prove your address first");
  });
});

describe("changing the email address on the profile", () => {
  const change = (cookie: string, fields: Record<string, string>) =>
    postForm(server.url, "/profile", { intent: "email", ...fields }, { Cookie: cookie });

  it("wrong password and taken address are field errors; the link replaces the address, notifies the old one, and ends other sessions", async () => {
    const user = await signUp();
    const other = await signUp();
    const wrong = await change(user.cookie, { email: `new.${user.email}`, currentPassword: "not the password" });
    expect(wrong.status).toBe(400);
    expect(decoded(wrong.body)).toContain("Your current password is not correct");
    const taken = await change(user.cookie, { email: other.email.toUpperCase(), currentPassword: PASSWORD });
    expect(taken.status).toBe(409);
    expect(decoded(taken.body)).toContain("Another account already uses");

    const newEmail = `new.${user.email}`;
    const asked = await change(user.cookie, { email: newEmail, currentPassword: PASSWORD });
    expect(asked.status).toBe(302);
    const elsewhere = await signIn(user.email);
    const path = await latestLinkPath(newEmail, "email-change");
    expect(decoded((await page(path)).body)).toContain(newEmail);
    const confirmed = await postForm(
      server.url,
      "/auth/verify-email",
      { token: new URL(path, server.url).searchParams.get("token")! },
      { Cookie: user.cookie },
    );
    expect(confirmed.headers.location).toBe("/profile");
    expect(await isSignedIn(elsewhere)).toBe(false);
    expect(await isSignedIn(user.cookie)).toBe(false);
    expect(await isSignedIn(cookieOf(confirmed))).toBe(true);
    expect((await outbox(user.email, "email-changed"))[0]).toContain(`changed to ${newEmail}`);
    await signIn(newEmail);
  });

  it("throttles wrong current passwords per user: 429 with Retry-After, on the password change too", async () => {
    const user = await signUp();
    for (let i = 0; i < 5; i++)
      expect((await change(user.cookie, { email: `x${i}.${user.email}`, currentPassword: "a wrong guess" })).status).toBe(400);
    const limited = await change(user.cookie, { email: `y.${user.email}`, currentPassword: PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    const password = await postForm(
      server.url,
      "/profile",
      { intent: "password", currentPassword: PASSWORD, password: "a brand new passphrase", confirmPassword: "a brand new passphrase" },
      { Cookie: user.cookie },
    );
    expect(password.status).toBe(429);
    expect(Number(password.headers["retry-after"])).toBeGreaterThan(0);
  });
});
