import {
  expect,
  expectNoA11yViolations,
  fillSignUp,
  logOut,
  newUserData,
  openLatestEmail,
  signIn,
  signUpByRequest,
  test,
} from "./fixtures";

test("sign up, sign out, sign in, reset the password through the mailbox", async ({ page }) => {
  const user = newUserData();

  await page.goto("/");
  await expectNoA11yViolations(page);
  await page.getByRole("link", { name: "Sign up" }).first().click();

  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await expectNoA11yViolations(page);
  await fillSignUp(page, user);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("heading", { name: "My rooms" })).toBeVisible();
  await expect(page.getByRole("banner").getByText(user.name, { exact: true })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Welcome to Parley");
  await expectNoA11yViolations(page);

  await logOut(page, user.name);
  await expect(page).toHaveURL(/\/auth\/signin$/);
  await expect(page.getByRole("status")).toContainText("You have signed out");
  await expectNoA11yViolations(page);

  await page.goto("/home");
  await expect(page).toHaveURL(/\/auth\/signin\?redirectTo=%2Fhome$/);

  await page.getByLabel("Email").fill(user.email.toUpperCase());
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/home$/);

  await logOut(page, user.name);
  await expect(page).toHaveURL(/\/auth\/signin$/);

  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`If an account exists for ${user.email}`);
  await expectNoA11yViolations(page);

  const link = await openLatestEmail(page, user.email, /Reset your Parley password/);
  await expectNoA11yViolations(page);
  expect(link).toContain("/auth/reset-password-form?token=");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectNoA11yViolations(page);

  const newPassword = "a brand new passphrase 42";
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/auth\/signin$/);
  await expect(page.getByRole("status")).toContainText("Your password has been changed");

  await signIn(page, user.email, user.password);
  await expect(page.getByRole("alert")).toContainText("Email or password is incorrect.");
  await expectNoA11yViolations(page);

  await page.getByLabel("Password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/home$/);

  // The reset also sent a "password changed" notice.
  await openLatestEmail(page, user.email, /Your Parley password was changed/);
});

test("a redirectTo that leaves the site is ignored after sign-in", async ({ page, request, baseURL }) => {
  const user = newUserData();
  await signUpByRequest(request, baseURL!, user);
  for (const target of ["https://evil.test/", "//evil.test", "/\\evil.test", "javascript:alert(1)"]) {
    await page.context().clearCookies();
    await page.goto(`/auth/signin?redirectTo=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/home`);
  }
});

test("signing in works with the keyboard alone, starting from the skip link", async ({ page, request, baseURL }) => {
  const user = newUserData();
  await signUpByRequest(request, baseURL!, user);
  await page.context().clearCookies();
  await page.goto("/auth/signin");

  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  // Tab onwards until the email field has focus, the way a keyboard user would.
  for (let i = 0; i < 10 && !(await page.getByLabel("Email").evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/home$/);
});

test("a name made of markup is shown as text, never run", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const name = `"><img src=x onerror=alert(1)></script><script>alert(2)</script>`;
  const user = newUserData({ name });
  await page.goto("/auth/signup");
  await fillSignUp(page, user);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("banner").getByText(name, { exact: true })).toBeVisible();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test(
  "with JavaScript the account menu is a menu button: arrows move, Escape closes and gives focus back",
  { tag: "@js-only" },
  async ({ page, baseURL }) => {
    const user = newUserData();
    await signUpByRequest(page.request, baseURL!, user);
    await page.goto("/home");
    const trigger = page.getByRole("button", { name: /account menu/ });
    await trigger.focus();
    await page.keyboard.press("Enter");
    await expect(trigger).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("menuitem", { name: "Profile settings" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitem", { name: "Log out" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitem", { name: "Profile settings" })).toBeFocused();
    await expectNoA11yViolations(page);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toHaveCount(0);
    await expect(trigger).toBeFocused();
  },
);
