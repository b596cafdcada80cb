import { expect, expectNoA11yViolations, test } from "./fixtures";
import { postItem, postMessage, roomOfTwo } from "./feed-fixtures";

test("the author edits their post (in place with JS, on a page without); 'edited' shows; nobody else may", async ({
  page,
  browser,
  baseURL,
}) => {
  const { roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!);
  await postMessage(page, "Teh plan for today");

  await postItem(page, "Teh plan").getByRole("link", { name: "Edit your post" }).click();
  const editor = page.getByLabel("Edit your message");
  await expect(editor).toHaveValue("Teh plan for today");
  await expectNoA11yViolations(page);
  await editor.fill("The plan for today");
  await page.getByRole("button", { name: "Save" }).click();

  await expect(postItem(page, "The plan for today")).toContainText("(edited");
  await expect(page.getByText("Teh plan")).toHaveCount(0);
  await expectNoA11yViolations(page);

  // The other member sees the new words, and no Edit link on a post that is not theirs.
  await other.goto(roomUrl);
  await expect(postItem(other, "The plan for today")).toContainText("(edited");
  await expect(postItem(other, "The plan for today").getByRole("link", { name: "Edit your post" })).toHaveCount(0);
  const postId = (await postItem(other, "The plan for today").getAttribute("id"))!.replace("post-", "");
  expect((await other.goto(`${roomUrl}/posts/${postId}/edit`))!.status()).toBe(403);
  await close();
});

test.describe("with JavaScript", { tag: "@js-only" }, () => {
  test("an edit reaches the other member's open feed without a reload; Escape cancels an edit", async ({ page, browser, baseURL }) => {
    const { roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!);
    await postMessage(page, "Meet at 10");
    await other.goto(roomUrl);
    await expect(other.locator("main[data-live=connected]")).toBeVisible();

    const editLink = postItem(page, "Meet at 10").getByRole("link", { name: "Edit your post" });
    await editLink.click();
    await page.getByLabel("Edit your message").press("Escape");
    await expect(page.getByLabel("Edit your message")).toHaveCount(0);
    await expect(editLink).toBeFocused();

    await editLink.press("Enter");
    await page.getByLabel("Edit your message").fill("Meet at 11");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByLabel("Edit your message")).toHaveCount(0);
    await expect(postItem(other, "Meet at 11")).toContainText("(edited");
    await close();
  });
});
