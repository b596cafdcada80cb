import type { Page } from "@playwright/test";
import { createRoomByPage, expect, expectNoA11yViolations, newUserData, openLatestEmail, signIn, signUpByRequest, test } from "./fixtures";

/**
 * SECURITY.md item 6: every password input on every page is `type=password`, says which password
 * it wants (`current-password` or `new-password`), and lets a password manager or a paste fill it.
 */

interface PasswordInput {
  page: string;
  name: string;
  type: string;
  autocomplete: string | null;
  onpaste: string | null;
}

/** Inputs that hold a password: by type, or by a name that says so (a text input named `password` is a finding). */
async function passwordInputs(page: Page): Promise<PasswordInput[]> {
  const path = new URL(page.url()).pathname;
  return page.$$eval(
    "input",
    (inputs, path) =>
      inputs
        .filter((input) => input.type === "password" || /password/i.test(`${input.name} ${input.id}`))
        .map((input) => ({
          page: path,
          name: input.name,
          type: input.type,
          autocomplete: input.getAttribute("autocomplete"),
          onpaste: input.getAttribute("onpaste"),
        })),
    path,
  );
}

const CURRENT = new Set(["currentPassword"]);
const SKIP = /^\/(auth\/signout|dev\/|build\/)|\.\w+$/;

/** Visits the seeds and every same-origin page they link to (up to a bound), collecting password inputs. */
async function crawl(page: Page, seeds: string[], limit = 30) {
  const queue = [...seeds];
  const seen = new Set<string>();
  const found: PasswordInput[] = [];
  while (queue.length && seen.size < limit) {
    const target = queue.shift()!;
    const key = target.replace(/#.*$/, "");
    if (seen.has(key)) continue;
    seen.add(key);
    await page.goto(target);
    found.push(...(await passwordInputs(page)));
    const here = new URL(page.url()).origin;
    const links = await page.$$eval("a[href]", (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    for (const link of links) {
      const url = new URL(link);
      if (url.origin !== here || SKIP.test(url.pathname)) continue;
      queue.push(`${url.pathname}${url.search}`);
    }
  }
  return { visited: [...seen], found };
}

function expectWellFormed(inputs: PasswordInput[]) {
  for (const input of inputs) {
    const where = `${input.page} ${input.name}`;
    expect(input.type, where).toBe("password");
    expect(input.autocomplete, where).toBe(CURRENT.has(input.name) || input.page === "/auth/signin" ? "current-password" : "new-password");
    expect(input.onpaste, where).toBeNull();
  }
}

async function resetFormUrl(page: Page, email: string) {
  await page.goto("/auth/reset-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: /send/i }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists");
  return openLatestEmail(page, email, /Reset your Parley password/);
}

test("item 6: password inputs on every page are type=password with the right autocomplete and no paste blocking", async ({
  page,
  browser,
  baseURL,
}) => {
  const user = newUserData();
  await signUpByRequest(page.request, baseURL!, user);
  const roomUrl = await createRoomByPage(page, "Password crawl");

  const signedIn = await crawl(page, ["/home", "/profile", "/home/new", "/invites", new URL(roomUrl).pathname]);
  expect(signedIn.visited.length).toBeGreaterThan(4);
  const onProfile = signedIn.found.filter((input) => input.page === "/profile").map((input) => input.name);
  // The email change and the password change each ask for the current password.
  expect(onProfile.sort()).toEqual(["confirmPassword", "currentPassword", "currentPassword", "password"]);
  expectWellFormed(signedIn.found);

  // Signed out, in a browser of its own (the same client address, so its rate limits are this test's).
  const anonymous = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": `10.204.${Math.floor(Math.random() * 250)}.7` } });
  const visitor = await anonymous.newPage();
  const resetLink = await resetFormUrl(visitor, user.email);
  const signedOut = await crawl(visitor, [
    "/",
    "/auth/signin",
    "/auth/signup",
    "/auth/reset-password",
    new URL(resetLink).pathname + new URL(resetLink).search,
  ]);
  const pages = new Set(signedOut.found.map((input) => input.page));
  for (const path of ["/auth/signin", "/auth/signup", "/auth/reset-password-form"]) expect(pages, path).toContain(path);
  expectWellFormed(signedOut.found);
  await anonymous.close();
});

test("item 6: a password can be pasted into every password field @js-only", async ({ page, context, baseURL }) => {
  const user = newUserData();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const paste = async (label: string | RegExp, scope: Pick<Page, "getByLabel"> = page) => {
    const field = scope.getByLabel(label, { exact: typeof label === "string" });
    await field.click();
    await field.fill("");
    // The page may cancel a paste event: dispatch one as the browser would, then paste for real.
    const allowed = await field.evaluate((input) => {
      const data = new DataTransfer();
      data.setData("text/plain", "x");
      return input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
    expect(allowed, `paste into ${label}`).toBe(true);
    await page.evaluate((text) => navigator.clipboard.writeText(text), user.password);
    await page.keyboard.press("ControlOrMeta+V");
    await expect(field).toHaveValue(user.password);
  };

  await page.goto("/auth/signup");
  await paste("Password");
  await paste("Confirm password");
  await page.goto("/auth/signin");
  await paste("Password");

  await signUpByRequest(page.request, baseURL!, user);
  await page.goto("/profile");
  const emailSection = page.getByRole("region", { name: "Change your email address" });
  const passwordSection = page.getByRole("region", { name: "Change your password" });
  await paste("Current password", emailSection);
  await paste("Current password", passwordSection);
  await paste("New password", passwordSection);
  await paste("Confirm new password", passwordSection);
});

test("item 24: sign out other sessions ends the other browser's session and keeps this one", async ({ page, browser, baseURL }) => {
  const user = newUserData();
  await signUpByRequest(page.request, baseURL!, user);
  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": `10.205.${Math.floor(Math.random() * 250)}.9` } });
  const otherPage = await other.newPage();
  await signIn(otherPage, user.email, user.password);
  await expect(otherPage).toHaveURL(/\/home$/);

  await page.goto("/profile");
  await page.getByRole("button", { name: "Sign out other sessions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 other session has been signed out." })).toBeVisible();
  await expectNoA11yViolations(page);

  await otherPage.goto("/home");
  await expect(otherPage).toHaveURL(/\/auth\/signin/);
  await page.goto("/home");
  await expect(page).toHaveURL(/\/home$/);
  await other.close();
});
