import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_PG_PORT } from "../../playwright.config";
import { honeypotFieldsIn } from "../support/honeypot";
import { newUserData, type NewUser } from "../support/user-factory";

export { expect };

/** A user nobody else in this run has (the suites' one factory). */
export type TestUser = NewUser;
export { newUserData };

/** Each test looks like its own client to the rate limiter (the e2e server trusts its loopback proxy). */
function uniqueIp(testId: string) {
  let hash = 0;
  for (const char of testId + Math.random()) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${hash & 255}`;
}

/**
 * axe on the page as the visitor has it (JS off as the project says, or as told for a JS-off context
 * opened by a JS-on test). axe runs as a script, which a JS-off page cannot do: then
 * the page's HTML (its scripts removed: exactly what the visitor got) is checked in a scratch page,
 * with its stylesheets, that may run scripts.
 */
export async function expectNoA11yViolations(page: Page, javaScriptOff = test.info().project.use.javaScriptEnabled === false) {
  let target = page;
  if (javaScriptOff) {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<link rel="modulepreload"[^>]*>/gi, "");
    const scratch = await page.context().browser()!.newContext({ javaScriptEnabled: true });
    target = await scratch.newPage();
    await target.setContent(html.replace(/<head>/i, `<head><base href="${page.url()}">`), { waitUntil: "load" });
  }
  try {
    const results = await new AxeBuilder({ page: target }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  } finally {
    if (javaScriptOff) await target.context().close();
  }
}

/** The e2e app's own database, for what a browser cannot do (age a token, count rows). */
export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/parley` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Signs a user up through the real form endpoint (fast, no page), leaving the request signed in. */
export async function signUpByRequest(request: APIRequestContext, baseURL: string, user: TestUser) {
  const page = await request.get("/auth/signup");
  const response = await request.post("/auth/signup", {
    headers: { Origin: baseURL },
    form: { ...user, confirmPassword: user.password, ...honeypotFieldsIn(await page.text()) },
    maxRedirects: 0,
  });
  expect(response.status(), await response.text()).toBe(302);
}

export async function fillSignUp(page: Page, user: TestUser, confirm = user.password) {
  await page.getByLabel("Full name").fill(user.name);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Confirm password").fill(confirm);
}

/** Opens the account menu (a disclosure without JS, a menu button with it) and logs out. */
export async function logOut(page: Page, name: string) {
  await page.getByRole("banner").getByText(name, { exact: true }).click();
  const javaScriptOn = test.info().project.use.javaScriptEnabled !== false;
  await page.getByRole(javaScriptOn ? "menuitem" : "button", { name: "Log out" }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/auth/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The newest message to `email` in the development mailbox, opened; returns its first link. */
export async function openLatestEmail(page: Page, email: string, subject: RegExp) {
  // Delivery is asynchronous (the outbox worker): look until it has arrived.
  await expect(async () => {
    await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
    await expect(page.getByRole("link", { name: subject }).first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole("link", { name: subject }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  const link = page.locator("pre a").first();
  return (await link.getAttribute("href"))!;
}

/**
 * Proves the address of the account `page` is signed in to, as a person would: the newest
 * confirmation email in the development mailbox, its link, the Confirm button. Lands on /home.
 */
export async function verifyEmail(page: Page, email: string, subject = /Confirm your Parley email address/) {
  const link = await openLatestEmail(page, email, subject);
  await page.goto(link);
  await page.getByRole("button", { name: /^Confirm my/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /is confirmed|is now/ })).toBeVisible();
}

/** Adds one person to a room through the Add members page; they are invited by email. */
export async function inviteByPage(page: Page, roomUrl: string, person: { email: string; name: string }) {
  await page.goto(`${roomUrl}/members/new`);
  const row = page.getByRole("group", { name: "Person 1" });
  await row.getByLabel("Email").fill(person.email);
  await row.getByLabel("Name").fill(person.name);
  await page.getByRole("button", { name: "Add and invite" }).click();
  await expect(page.getByRole("status")).toContainText("added and invited by email");
}

/** Creates a room through its page (the form without the dialog); returns the room's URL. */
export async function createRoomByPage(page: Page, name: string) {
  await page.goto("/home/new");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().replace(/[#?].*$/, "");
}

export const test = base.extend<{
  clientIp: string;
  /** A new account, signed in in this test's browser context (through the real sign-up form). */
  signedInUser: TestUser;
  /** A room the signed-in user just created (through its page): its URL and name. */
  ownRoom: { url: string; name: string };
}>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring
  clientIp: async ({}, use, testInfo) => {
    await use(uniqueIp(testInfo.testId));
  },
  extraHTTPHeaders: async ({ clientIp }, use) => {
    await use({ "X-Forwarded-For": clientIp });
  },
  signedInUser: async ({ page, baseURL }, use) => {
    const user = newUserData();
    await signUpByRequest(page.request, baseURL!, user);
    await use(user);
  },
  ownRoom: async ({ page, signedInUser: _signedIn }, use) => {
    const name = `Room ${Date.now().toString(36)}`;
    await use({ url: await createRoomByPage(page, name), name });
  },
});
