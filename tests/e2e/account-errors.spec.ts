import {
  expect,
  expectNoA11yViolations,
  fillSignUp,
  newUserData,
  openLatestEmail,
  signIn,
  signUpByRequest,
  test,
  withDatabase,
} from "./fixtures";

test.describe("sign-up errors appear beside their fields and keep what was typed", () => {
  test("passwords that do not match", async ({ page }) => {
    const user = newUserData();
    await page.goto("/auth/signup");
    await fillSignUp(page, user, "something else entirely");
    await page.getByRole("button", { name: "Create account" }).click();
    const confirm = page.getByLabel("Confirm password");
    await expect(confirm).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#${await confirm.getAttribute("aria-describedby")}`.split(" ")[0]!)).toHaveText(
      "The two passwords do not match",
    );
    await expect(page.getByLabel("Username")).toHaveValue(user.username);
    // Without JS the server answered and never echoes passwords; with JS the browser caught it first.
    const passwordLeft = test.info().project.name === "no-js" ? "" : user.password;
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue(passwordLeft);
    await expectNoA11yViolations(page);
  });

  test("a password that is too short, too long or too common", async ({ page }) => {
    const user = newUserData();
    await page.goto("/auth/signup");
    for (const [password, message] of [
      ["short", "Passwords need at least 10 characters"],
      ["a".repeat(73), "at most 72 bytes"],
      ["password1234", "one of the most common"],
    ] as const) {
      await fillSignUp(page, { ...user, password });
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.locator("#signup-password-error")).toContainText(message);
    }
    await expectNoA11yViolations(page);
  });

  test("an email or username that is already taken, in any case", async ({ page, request, baseURL }) => {
    const existing = newUserData();
    await signUpByRequest(request, baseURL!, existing);
    const user = newUserData({ email: existing.email.toUpperCase(), username: existing.username.toUpperCase() });
    await page.goto("/auth/signup");
    await fillSignUp(page, user);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#signup-email-error")).toContainText("already exists");
    await expect(page.locator("#signup-username-error")).toContainText("taken");
    await expect(page.getByLabel("Full name")).toHaveValue(user.name);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    await expectNoA11yViolations(page);
  });
});

test("a wrong password and an unknown email get the same message", async ({ page, request, baseURL }) => {
  const user = newUserData();
  await signUpByRequest(request, baseURL!, user);
  await page.context().clearCookies();

  await signIn(page, user.email, "not the password at all");
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expectNoA11yViolations(page);

  await signIn(page, `nobody.${user.email}`, "not the password at all");
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test("the 11th failed sign-in from one address is refused for a while", async ({ page, request, baseURL }) => {
  const user = newUserData();
  await signUpByRequest(request, baseURL!, user);
  await page.context().clearCookies();
  for (let attempt = 1; attempt <= 10; attempt++) {
    await signIn(page, user.email, `wrong password ${attempt}`);
    await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  }
  const response = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/auth/signin"));
  await signIn(page, user.email, user.password);
  expect((await response).status()).toBe(429);
  await expect(page.getByRole("alert")).toContainText("Too many attempts");
  await expectNoA11yViolations(page);
});

test.describe("reset links", () => {
  async function requestLink(page: import("@playwright/test").Page, email: string) {
    await page.goto("/auth/reset-password");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    return openLatestEmail(page, email, /Reset your Parley password/);
  }

  test("an unknown address gets the same answer, and no email", async ({ page, request, baseURL }) => {
    const email = newUserData().email;
    await page.goto("/auth/reset-password");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText(`If an account exists for ${email}`);
    // Requests are handled in the order sent: once a later one for an account has its email,
    // the unknown address's request has been handled too.
    const user = newUserData();
    await signUpByRequest(request, baseURL!, user);
    await page.context().clearCookies();
    await requestLink(page, user.email);
    await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
    await expect(page.getByText("No messages yet.")).toBeVisible();
  });

  test("a used link shows a clear page with a way to ask again", async ({ page, request, baseURL }) => {
    const user = newUserData();
    await signUpByRequest(request, baseURL!, user);
    await page.context().clearCookies();
    const link = await requestLink(page, user.email);
    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill("first new passphrase 1");
    await page.getByLabel("Confirm new password").fill("first new passphrase 1");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(/\/auth\/signin$/);

    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Ask for a new link" }).click();
    await expect(page).toHaveURL(/\/auth\/reset-password$/);
  });

  test("an expired link (61 minutes old) no longer works", async ({ page, request, baseURL }) => {
    const user = newUserData();
    await signUpByRequest(request, baseURL!, user);
    await page.context().clearCookies();
    const link = await requestLink(page, user.email);
    await withDatabase((db) =>
      db.query(
        `update password_reset_tokens set created_at = created_at - interval '61 minutes',
           expires_at = expires_at - interval '61 minutes'
         where user_id = (select id from users where email = $1)`,
        [user.email],
      ),
    );
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  });

  test("the link page tells no other site its address", async ({ page, request, baseURL }) => {
    const user = newUserData();
    await signUpByRequest(request, baseURL!, user);
    await page.context().clearCookies();
    const link = await requestLink(page, user.email);
    const response = await page.goto(link);
    expect(response!.headers()["referrer-policy"]).toBe("no-referrer");
  });
});
