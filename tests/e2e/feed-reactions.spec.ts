import { expect, expectNoA11yViolations, test } from "./fixtures";
import { postItem, postMessage, roomOfTwo } from "./feed-fixtures";

test("two members react to a post; each button says the emoji, the count and whether you reacted", async ({ page, browser, baseURL }) => {
  const { roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!);
  await postMessage(page, "Release is out");

  // The owner adds 👍 (an inline row with JS, a page of six without).
  await postItem(page, "Release is out").getByRole("link", { name: "React to this post" }).click();
  await page.getByRole("button", { name: "React with 👍" }).click();
  const mine = postItem(page, "Release is out").getByRole("button", { name: "👍 1, including you" });
  await expect(mine).toHaveAttribute("aria-pressed", "true");
  await expectNoA11yViolations(page);

  // The other member sees it, and joins in by pressing it.
  await other.goto(roomUrl);
  const theirs = postItem(other, "Release is out").getByRole("button", { name: "👍 1" });
  await expect(theirs).toHaveAttribute("aria-pressed", "false");
  await theirs.click();
  await expect(postItem(other, "Release is out").getByRole("button", { name: "👍 2, including you" })).toBeVisible();
  await expectNoA11yViolations(other);

  // Pressing one's own again takes it back.
  await page.goto(roomUrl);
  await postItem(page, "Release is out").getByRole("button", { name: "👍 2, including you" }).click();
  await expect(postItem(page, "Release is out").getByRole("button", { name: "👍 1" })).toHaveAttribute("aria-pressed", "false");
  await close();
});

test.describe("with JavaScript", { tag: "@js-only" }, () => {
  test("a reaction reaches the other member's open feed without a reload", async ({ page, browser, baseURL }) => {
    const { roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!);
    await postMessage(page, "Lunch?");
    await other.goto(roomUrl);
    await expect(other.locator("main[data-live=connected]")).toBeVisible();
    await postItem(page, "Lunch?").getByRole("link", { name: "React to this post" }).click();
    await page.getByRole("button", { name: "React with 🎉" }).click();
    await expect(postItem(other, "Lunch?").getByRole("button", { name: "🎉 1" })).toBeVisible();
    await close();
  });
});
