import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createRoomByPage, expect, newUserData, signUpByRequest, test } from "./fixtures";

// WCAG 1.4.10 Reflow: at 320 CSS pixels wide no page scrolls sideways (JavaScript on and off, and
// in the phone project); WCAG 2.5.8: every target is at least 24 px (axe's target-size rule,
// which axe leaves off by default).
test.use({ viewport: { width: 320, height: 640 } });

const SIGNED_OUT = ["/", "/auth/signin", "/auth/signup", "/auth/reset-password", "/auth/reset-password-form?token=nope"];

/** A member with a room holding a post and a pending invitation; returns every page they can see. */
async function signedInPages(page: Page, baseURL: string) {
  await signUpByRequest(page.request, baseURL, newUserData({ name: "Wilhelmina Longname-Fotheringham" }));
  const roomUrl = await createRoomByPage(page, `A room with a rather long name for a narrow screen ${Date.now().toString(36)}`);
  const invited = await page.request.post(`${roomUrl}/members/new`, {
    headers: { Origin: baseURL },
    form: { "rows[0].email": `someone.with.a.long.address.${Date.now()}@example.test`, "rows[0].name": "Ivy Invited" },
    maxRedirects: 0,
  });
  expect(invited.status()).toBe(302);
  const posted = await page.request.post(roomUrl, { headers: { Origin: baseURL }, form: { intent: "post", message: "A first post" } });
  expect(posted.ok()).toBe(true);
  await page.goto(`${roomUrl}?members=open`);
  const linkPage = await page
    .locator("#members-panel")
    .getByRole("link", { name: /Get invitation link/ })
    .getAttribute("href");
  const room = new URL(roomUrl).pathname;
  return [
    "/home",
    "/home/new",
    "/invites",
    "/profile",
    room,
    `${room}?members=open`,
    `${room}/members/new`,
    `${room}/settings`,
    `${room}/leave`,
    `${room}/hand-over`,
    linkPage!,
    `${room}/join?token=${"x".repeat(43)}`,
    "/dev/mail",
  ];
}

async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response!.status(), path).toBeLessThan(500);
  await expect(page.locator("h1, h2").first()).toBeVisible();
}

async function expectNoHorizontalScroll(page: Page, path: string) {
  await open(page, path);
  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
    wide: [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
      .slice(-3)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)}px)`),
  }));
  expect(overflow.scrollWidth, `${path} is ${overflow.scrollWidth}px wide: ${overflow.wide.join(", ")}`).toBeLessThanOrEqual(
    overflow.width,
  );
}

test("no page scrolls horizontally at 320 CSS px", async ({ page, baseURL }) => {
  for (const path of SIGNED_OUT) await expectNoHorizontalScroll(page, path);
  for (const path of await signedInPages(page, baseURL!)) await expectNoHorizontalScroll(page, path);
});

test("every target on every page is at least 24 px, or spaced as if it were", { tag: "@js-only" }, async ({ page, baseURL }) => {
  const check = async (path: string) => {
    await open(page, path);
    const results = await new AxeBuilder({ page }).withRules(["target-size"]).analyze();
    expect(
      results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" "))),
      `${path}: targets under 24 px`,
    ).toEqual([]);
  };
  for (const path of SIGNED_OUT) await check(path);
  for (const path of await signedInPages(page, baseURL!)) await check(path);
});
