import { expect, expectNoA11yViolations, test } from "./fixtures";
import { postItem, postMessage, roomOfTwo } from "./feed-fixtures";

test.describe("with JavaScript", { tag: "@js-only" }, () => {
  test("a page sends its posts' words once, in the markup; the browser keeps them through hydration and an editor closing", async ({
    page,
    browser,
    baseURL,
  }) => {
    const { member, close } = await roomOfTwo(page, browser, baseURL!);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await postMessage(page, `Ship *it* today, @${member.username}: https://example.test/plan`, "Ship it today");

    // A whole page: its hydration data leaves the words out; the markup has them.
    await page.reload();
    await expect(page.locator("main[data-live=connected]")).toBeVisible();
    const data = await page.evaluate(() => JSON.stringify((window as unknown as { __remixContext: object }).__remixContext));
    expect(data).not.toContain("Ship");

    const post = postItem(page, "Ship it today");
    const shown = async () => {
      await expect(post.locator("strong")).toHaveText("it");
      await expect(post.getByRole("link", { name: `@${member.username}`, exact: true })).toHaveClass("mention");
      await expect(post.getByRole("link", { name: "https://example.test/plan" })).toHaveAttribute("rel", "noopener noreferrer nofollow");
    };
    await shown();

    // The post renders again once its editor closes: the same words, read once from the markup.
    await post.getByRole("link", { name: "Edit your post" }).click();
    await page.getByLabel("Edit your message").press("Escape");
    await expect(page.getByLabel("Edit your message")).toHaveCount(0);
    await shown();
    await expectNoA11yViolations(page);
    // A hydration mismatch is a console error in React's production build.
    expect(errors).toEqual([]);
    await close();
  });
});
