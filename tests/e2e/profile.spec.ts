import { expect, expectNoA11yViolations, newUserData, signIn, signUpByRequest, test } from "./fixtures";

test("profile: rename, change the password (ending other sessions), sign out everywhere", async ({ page, browser, baseURL }) => {
  const user = newUserData();
  await signUpByRequest(page.request, baseURL!, user);
  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": `10.203.${Math.floor(Math.random() * 250)}.9` } });
  const otherPage = await other.newPage();
  await signIn(otherPage, user.email, user.password);
  await expect(otherPage).toHaveURL(/\/home$/);

  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Profile settings" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Profile settings" }).first()).toHaveAttribute("aria-current", "page");
  await expectNoA11yViolations(page);

  await page.getByLabel("Full name").fill("Ada King");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile has been saved." })).toBeVisible();
  await expect(page.getByRole("banner").getByText("Ada King", { exact: true })).toBeVisible();

  const passwordSection = page.getByRole("region", { name: "Change your password" });
  await passwordSection.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill("a completely new passphrase");
  await page.getByLabel("Confirm new password").fill("a completely new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#password-currentPassword-error")).toHaveText("Your current password is not correct");
  await expectNoA11yViolations(page);

  await passwordSection.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("a completely new passphrase");
  await page.getByLabel("Confirm new password").fill("a completely new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password has been changed" })).toBeVisible();

  // The other session is over; this one goes on.
  await otherPage.goto("/home");
  await expect(otherPage).toHaveURL(/\/auth\/signin/);
  await page.goto("/home");
  await expect(page).toHaveURL(/\/home$/);
  await other.close();

  await page.goto("/profile");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/auth\/signin$/);
  await expect(page.getByRole("status")).toContainText("signed out on every device");
  await page.goto("/home");
  await expect(page).toHaveURL(/\/auth\/signin/);
});
