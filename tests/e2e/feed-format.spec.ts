import { createRoomByPage, expect, expectNoA11yViolations, newUserData, signUpByRequest, test } from "./fixtures";
import { postItem, postMessage } from "./feed-fixtures";

test("Markdown is formatted, raw HTML shows as text and never runs", async ({ page, baseURL }) => {
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await signUpByRequest(page.request, baseURL!, newUserData());
  await createRoomByPage(page, `Format ${Date.now().toString(36)}`);
  await expect(page.getByText("Formatting: *bold*")).toBeVisible();

  await postMessage(page, "*Launch* is _today_, run `npm run app` https://example.test/notes\n- first\n- second", "Launch is today");
  const formatted = postItem(page, "is today");
  await expect(formatted.locator("strong")).toHaveText("Launch");
  await expect(formatted.locator("em")).toHaveText("today");
  await expect(formatted.locator("code")).toHaveText("npm run app");
  await expect(formatted.getByRole("listitem")).toHaveText(["first", "second"]);
  await expect(formatted.getByRole("link", { name: "https://example.test/notes" })).toHaveAttribute("rel", "noopener noreferrer nofollow");

  const attack = `"><img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3))`;
  await postMessage(page, attack, "onerror");
  const shown = postItem(page, "onerror");
  await expect(shown).toContainText('"><img src=x onerror=alert(1)> <script>alert(2)</script>');
  await expect(shown.locator("img, script, a[href^='javascript']")).toHaveCount(0);
  await expect(shown.getByRole("link", { name: "x", exact: true })).toHaveCount(0);
  await expectNoA11yViolations(page);
  await page.reload();
  await expect(postItem(page, "onerror")).toBeVisible();
  expect(dialogs).toBe(0);
});
