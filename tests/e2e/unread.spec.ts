import type { Page } from "@playwright/test";
import { expect, expectNoA11yViolations, test } from "./fixtures";
import { postItem, postMessage, roomOfTwo } from "./feed-fixtures";

const roomCard = (page: Page, name: string) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) });
const newDivider = (page: Page) => page.getByRole("separator", { name: "New posts" });
/** Posts from the composer and waits until it is saved (with JS the feed shows it while it is still being sent). */
async function postSaved(page: Page, message: string) {
  await postMessage(page, message);
  await expect(page.locator('li[id^="post-"]:not([id^="post-sending"])', { hasText: message })).toBeVisible();
}

test("a post from another member is unread on My rooms, New in the room, and read once the room is seen", async ({
  page,
  browser,
  baseURL,
}) => {
  const name = `Launch ${Date.now().toString(36)}`;
  const { roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!, name);
  await postSaved(page, "Owner speaks first");
  // Away from the room (with JS, an open room reads what arrives live).
  await page.goto("/home");
  await other.goto(roomUrl);
  await postSaved(other, "Hello from the member");

  await page.reload();
  await expect(roomCard(page, name)).toContainText("1 unread");
  await expect(
    page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: /^My rooms\s*1 unread$/ })
      .first(),
  ).toBeAttached();
  await expectNoA11yViolations(page);

  await page.getByRole("link", { name, exact: true }).click();
  await expect(newDivider(page)).toBeVisible();
  // The divider is the list item just above the member's post; the owner's own post stays above it.
  await expect(page.locator("li:has(> [role=separator]) + li")).toContainText("Hello from the member");
  await expect(page.locator("li:has(> [role=separator]) + li")).not.toContainText("Owner speaks first");
  await expect(postItem(page, "Hello from the member")).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole("link", { name: "My rooms" }).first().click();
  await expect(page.getByRole("heading", { name: "My rooms" })).toBeVisible();
  await expect(roomCard(page, name)).not.toContainText(/\d+\+? unread/);

  // The member's own post never counted for them; the owner's one did, until the member saw the room.
  await other.goto("/home");
  await expect(roomCard(other, name)).not.toContainText(/\d+\+? unread/);
  await close();
});

test.describe("with JavaScript", { tag: "@js-only" }, () => {
  test("posts arriving live while the room is in view are read, and the New divider stays where it was", async ({
    page,
    browser,
    baseURL,
  }) => {
    const name = `Live ${Date.now().toString(36)}`;
    const { roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!, name);
    await page.goto(roomUrl);
    await expect(page.locator("main[data-live=connected]")).toBeVisible();
    await other.goto(roomUrl);
    await postSaved(other, "Live from the member");
    await expect(postItem(page, "Live from the member")).toBeVisible();
    await expect(newDivider(page)).toHaveCount(0);

    await page.goto("/home");
    await expect(roomCard(page, name)).toBeVisible();
    await expect(roomCard(page, name)).not.toContainText(/\d+\+? unread/);
    await close();
  });

  test("a hidden tab leaves what arrives unread until it is shown again", async ({ page, browser, baseURL }) => {
    const name = `Hidden ${Date.now().toString(36)}`;
    const { roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!, name);
    await page.goto(roomUrl);
    await expect(page.locator("main[data-live=connected]")).toBeVisible();
    const setVisibility = (state: "hidden" | "visible") =>
      page.evaluate((value) => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => value });
        document.dispatchEvent(new Event("visibilitychange"));
      }, state);
    await setVisibility("hidden");
    await other.goto(roomUrl);
    await postSaved(other, "While you were away");

    const home = await page.context().newPage();
    await home.goto("/home");
    await expect(roomCard(home, name)).toContainText("1 unread");

    await setVisibility("visible");
    await expect(postItem(page, "While you were away")).toBeVisible();
    await home.reload();
    await expect(roomCard(home, name)).not.toContainText(/\d+\+? unread/);
    await close();
  });
});
