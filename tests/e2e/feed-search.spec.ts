import { createRoomByPage, expect, expectNoA11yViolations, newUserData, signUpByRequest, test } from "./fixtures";
import { postMessage } from "./feed-fixtures";

test("search a room: the matching posts with the words marked, one followed by keyboard to its place in the feed", async ({
  page,
  baseURL,
}) => {
  await signUpByRequest(page.request, baseURL!, newUserData());
  const roomUrl = await createRoomByPage(page, `Search ${Date.now().toString(36)}`);
  await postMessage(page, "Launch plan for Friday");
  await postMessage(page, "Lunch at noon");
  await postMessage(page, "The **plan** is ready", "The plan is ready");

  const searchBox = page.getByRole("searchbox", { name: "Search posts" });
  await searchBox.fill("x");
  await searchBox.press("Enter");
  await expect(page.getByText("Search for at least 2 characters")).toBeVisible();
  await expect(searchBox).toHaveAttribute("aria-invalid", "true");
  await expectNoA11yViolations(page);

  await searchBox.fill("PLAN");
  await searchBox.press("Enter");
  const results = page.getByRole("region", { name: "Posts matching “PLAN”" });
  await expect(results.getByText("2 posts match:")).toBeVisible();
  await expect(results.locator("mark")).toHaveText(["plan", "plan"]);
  await expect(results.locator("strong", { hasText: "plan" })).toHaveCount(1);
  await expect(results.getByText("Lunch at noon")).toHaveCount(0);
  await expect(page.getByLabel("Message", { exact: true })).toHaveCount(0);
  await expectNoA11yViolations(page);

  // The older match (listed second), followed with the keyboard.
  const showInFeed = results.getByRole("link", { name: /^Show in the feed/ });
  await expect(showInFeed).toHaveCount(2);
  await showInFeed.nth(1).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?at=[0-9a-f-]+#post-[0-9a-f-]+$/);
  // Highlighted: by :target after a page load, marked by the page after a client-side navigation.
  const target = page.locator('li[id^="post-"]:is(:target, [data-targeted])');
  await expect(target).toHaveText(/Launch plan for Friday/);
  await expect(target).toBeInViewport();
  if (test.info().project.use.javaScriptEnabled) await expect(target).toBeFocused();
  await expect(page.getByText("The plan is ready")).toHaveCount(0);
  await expectNoA11yViolations(page);

  await page.getByRole("link", { name: "Jump to the newest posts" }).click();
  await expect(page).toHaveURL(roomUrl);
  await expect(page.getByText("The plan is ready")).toBeVisible();

  // Clear search goes back to the feed.
  await searchBox.fill("lunch");
  await searchBox.press("Enter");
  await expect(page.getByText("1 post matches:")).toBeVisible();
  await page.getByRole("link", { name: "Clear search" }).click();
  await expect(page).toHaveURL(roomUrl);
  await expect(page.getByLabel("Message", { exact: true })).toBeVisible();
});
