import {
  createRoomByPage,
  expect,
  expectNoA11yViolations,
  fillSignUp,
  inviteByPage,
  newUserData,
  openLatestEmail,
  signIn,
  signUpByRequest,
  test,
  verifyEmail,
} from "./fixtures";

test("sign up, see the banner, confirm the address from the emailed link, banner gone", async ({ page }) => {
  const user = newUserData();
  await page.goto("/auth/signup");
  await fillSignUp(page, user);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/home$/);
  const banner = page.getByRole("region", { name: "Confirm your email address" });
  await expect(banner).toContainText(`We sent a link to ${user.email}`);
  await expectNoA11yViolations(page);

  // Resend works with JavaScript off too: a plain form post, one generic answer.
  await banner.getByRole("button", { name: "Resend the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "a new link is on its way" })).toBeVisible();
  await expect(page).toHaveURL(/\/home$/);

  // Delivery is asynchronous: wait for the resent message, whose link voided the first one.
  await expect(async () => {
    await page.goto(`/dev/mail?to=${encodeURIComponent(user.email)}`);
    await expect(page.getByRole("link", { name: /Confirm your Parley email address/ })).toHaveCount(2, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  const link = await openLatestEmail(page, user.email, /Confirm your Parley email address/);
  expect(link).toContain("/auth/verify-email?token=");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("status").filter({ hasText: `${user.email} is confirmed` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Confirm your email address" })).toHaveCount(0);

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
});

test("the squatter attack: an account that only typed the invited address sees and gets nothing", async ({ page, browser, baseURL }) => {
  const owner = newUserData({ name: "Olga Owner" });
  await signUpByRequest(page.request, baseURL!, owner);
  const roomName = `Private ${Date.now().toString(36)}`;
  const roomUrl = await createRoomByPage(page, roomName);
  const alice = newUserData({ name: "Alice" });
  await page.getByRole("link", { name: "Add members" }).click();
  await page.getByRole("group", { name: "Person 1" }).getByLabel("Email").fill(alice.email);
  await page.getByRole("group", { name: "Person 1" }).getByLabel("Name").fill(alice.name);
  await page.getByRole("button", { name: "Add and invite" }).click();
  await expect(page.getByRole("status")).toContainText("added and invited by email");

  // Someone else signs up with Alice's address (nothing of Alice's inbox in hand).
  const squatterContext = await browser.newContext({
    javaScriptEnabled: test.info().project.use.javaScriptEnabled,
    extraHTTPHeaders: { "X-Forwarded-For": `10.204.${Math.floor(Math.random() * 250)}.1` },
  });
  const squatter = await squatterContext.newPage();
  await signUpByRequest(squatter.request, baseURL!, { ...newUserData(), email: alice.email });
  await squatter.goto("/invites");
  await expect(squatter.getByText("Prove your address first")).toBeVisible();
  await expect(squatter.getByRole("heading", { level: 2, name: roomName })).toHaveCount(0);
  await expect(squatter.getByRole("link", { name: /My invites/ })).not.toContainText(/\d/);
  await expectNoA11yViolations(squatter);
  const roomPage = await squatter.goto(roomUrl);
  expect(roomPage!.status()).toBe(404);
  await squatter.goto("/home");
  await expect(squatter.getByRole("link", { name: roomName })).toHaveCount(0);
  await squatterContext.close();
});

test("change the email address: link to the new one, notice to the old one, other sessions end", async ({ page, browser, baseURL }) => {
  const user = newUserData();
  await signUpByRequest(page.request, baseURL!, user);
  const otherContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": `10.205.${Math.floor(Math.random() * 250)}.9` } });
  const other = await otherContext.newPage();
  await signIn(other, user.email, user.password);
  await expect(other).toHaveURL(/\/home$/);

  const newEmail = `moved.${user.email}`;
  await page.goto("/profile");
  const section = page.getByRole("region", { name: "Change your email address" });
  await section.getByLabel("New email address").fill(newEmail);
  await section.getByLabel("Current password").fill("not my password at all");
  await section.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(page.locator("#email-currentPassword-error")).toHaveText("Your current password is not correct");
  await expectNoA11yViolations(page);
  await section.getByLabel("New email address").fill(newEmail);
  await section.getByLabel("Current password").fill(user.password);
  await section.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(page.getByRole("status").filter({ hasText: `We sent a link to ${newEmail}` })).toBeVisible();

  await verifyEmail(page, newEmail, /Confirm your new Parley email address/);
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("region", { name: "Change your email address" })).toContainText(`Now ${newEmail}`);

  await openLatestEmail(page, user.email, /Your Parley email address was changed/);
  await expect(page.locator("pre")).toContainText(`changed to ${newEmail}`);

  await other.goto("/home");
  await expect(other).toHaveURL(/\/auth\/signin/);
  await otherContext.close();
});

test("an invitation's emailed link proves the address: create an account from it, join as a member, no banner", async ({
  page,
  browser,
  baseURL,
}) => {
  const owner = newUserData({ name: "Olga Owner" });
  await signUpByRequest(page.request, baseURL!, owner);
  const roomName = `Linked ${Date.now().toString(36)}`;
  const roomUrl = await createRoomByPage(page, roomName);
  const invitee = newUserData({ name: "Ines Invitee" });
  await inviteByPage(page, roomUrl, invitee);
  const link = await openLatestEmail(page, invitee.email, new RegExp(`invited you to “${roomName}”`));

  const inviteeContext = await browser.newContext({
    javaScriptEnabled: test.info().project.use.javaScriptEnabled,
    extraHTTPHeaders: { "X-Forwarded-For": `10.206.${Math.floor(Math.random() * 250)}.3` },
  });
  const invitePage = await inviteeContext.newPage();
  await invitePage.goto(link);
  await expect(invitePage.getByRole("heading", { level: 1, name: `Join ${roomName}` })).toBeVisible();
  await expectNoA11yViolations(invitePage);
  await invitePage.getByRole("link", { name: "Create an account" }).click();
  await expect(invitePage.getByLabel("Email")).toHaveValue(invitee.email);
  await fillSignUp(invitePage, invitee);
  await invitePage.getByRole("button", { name: "Create account" }).click();

  // Back on the invitation, now as the invited account: joining is a button.
  await expect(invitePage.getByRole("heading", { level: 1, name: `Join ${roomName}` })).toBeVisible();
  await expectNoA11yViolations(invitePage);
  await invitePage.getByRole("button", { name: `Join ${roomName}` }).click();
  await expect(invitePage).toHaveURL(/\/prep$/);

  // The link reached the address, so the address is proven: no banner, and the room is listed.
  await invitePage.goto("/home");
  await expect(invitePage.getByRole("link", { name: roomName })).toBeVisible();
  await expect(invitePage.getByRole("region", { name: "Confirm your email address" })).toHaveCount(0);
  await expectNoA11yViolations(invitePage);
  await inviteeContext.close();
});
