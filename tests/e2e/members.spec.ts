import {
  createRoomByPage,
  expect,
  expectNoA11yViolations,
  newUserData,
  openLatestEmail,
  signUpByRequest,
  test,
  verifyEmail,
} from "./fixtures";

test("add three participants in one go, fix a bad row, invite by email, accept as the invitee, remove one", async ({
  page,
  browser,
  baseURL,
}) => {
  const owner = newUserData();
  await signUpByRequest(page.request, baseURL!, owner);
  const roomName = `Launch ${Date.now().toString(36)}`;
  const roomUrl = await createRoomByPage(page, roomName);
  const invitee = newUserData({ name: "Grace Hopper" });
  const others = [newUserData({ name: "Alan Turing" }), newUserData({ name: "Edsger Dijkstra" })];

  await page.getByRole("link", { name: "Add members" }).click();
  await expect(page.getByRole("heading", { name: "Add participants" })).toBeVisible();
  await expectNoA11yViolations(page);
  const person = (n: number) => page.getByRole("group", { name: `Person ${n}` });
  await person(1).getByLabel("Email").fill("not-an-email");
  await person(1).getByLabel("Name").fill(invitee.name);
  await page.getByRole("button", { name: "Add another row" }).click();
  await person(2).getByLabel("Email").fill(others[0]!.email);
  await person(2).getByLabel("Name").fill(others[0]!.name);
  await page.getByRole("button", { name: "Add another row" }).click();
  await person(3).getByLabel("Email").fill(others[1]!.email);
  await person(3).getByLabel("Name").fill(others[1]!.name);
  await page.getByRole("button", { name: "Add and invite" }).click();

  await expect(person(1).getByText("Enter a valid email address")).toBeVisible();
  await expect(person(2).getByLabel("Email")).toHaveValue(others[0]!.email);
  await person(1).getByLabel("Email").fill(invitee.email);
  await page.getByRole("button", { name: "Add and invite" }).click();

  await expect(page.getByRole("status")).toContainText("3 people added and invited by email");
  const panel = page.getByRole("complementary");
  for (const name of [invitee.name, ...others.map((o) => o.name)]) await expect(panel.getByText(name, { exact: true })).toBeVisible();
  await expectNoA11yViolations(page);

  const link = await openLatestEmail(page, invitee.email, new RegExp(`invited you to “${roomName}”`));
  expect(link).toContain(`${roomUrl.replace(/^http:\/\/[^/]+/, "")}/join?token=`);

  // The invitee signs up with the invited address, proves it, and accepts from "My invites".
  const inviteeContext = await browser.newContext({
    javaScriptEnabled: test.info().project.use.javaScriptEnabled,
    extraHTTPHeaders: { "X-Forwarded-For": `10.202.${Math.floor(Math.random() * 250)}.1` },
  });
  const inviteePage = await inviteeContext.newPage();
  await signUpByRequest(inviteePage.request, baseURL!, invitee);
  await verifyEmail(inviteePage, invitee.email);
  await inviteePage.goto("/invites");
  await expect(inviteePage.getByRole("heading", { level: 2, name: roomName })).toBeVisible();
  await expect(inviteePage.getByRole("link", { name: /My invites/ })).toContainText("1");
  await expectNoA11yViolations(inviteePage);
  await inviteePage.getByRole("button", { name: /Accept/ }).click();
  await expect(inviteePage.getByRole("heading", { level: 1, name: roomName })).toBeVisible();
  await inviteePage.goto("/home");
  await expect(inviteePage.getByRole("link", { name: roomName })).toBeVisible();

  // The owner removes Alan; Alan's row goes, the others stay.
  await page.goto(`${roomUrl}?members=open`);
  await expect(page.getByRole("complementary").getByText("Joined").first()).toBeVisible();
  await page.getByText(`Remove: ${others[0]!.name}`).click();
  await page.getByRole("button", { name: `Yes, remove ${others[0]!.name}` }).click();
  await expect(page.getByRole("status")).toContainText("removed from the room");
  await expect(page.getByRole("complementary").getByText(others[0]!.name, { exact: true })).toHaveCount(0);
  await expect(page.getByRole("complementary").getByText(invitee.name, { exact: true })).toBeVisible();

  // Removed from the room means out at once.
  await inviteePage.goto(roomUrl);
  await expect(inviteePage.getByRole("heading", { level: 1, name: roomName })).toBeVisible();
  await inviteeContext.close();
});

test("someone already in the room is reported on their row and nothing is saved", async ({ page, baseURL }) => {
  const owner = newUserData();
  await signUpByRequest(page.request, baseURL!, owner);
  await createRoomByPage(page, `Dupes ${Date.now().toString(36)}`);
  const fresh = newUserData();
  await page.getByRole("link", { name: "Add members" }).click();
  await page.getByRole("group", { name: "Person 1" }).getByLabel("Email").fill(fresh.email);
  await page.getByRole("group", { name: "Person 1" }).getByLabel("Name").fill("Fresh Face");
  await page.getByRole("button", { name: "Add another row" }).click();
  await page.getByRole("group", { name: "Person 2" }).getByLabel("Email").fill(owner.email);
  await page.getByRole("group", { name: "Person 2" }).getByLabel("Name").fill("Me Again");
  await page.getByRole("button", { name: "Add and invite" }).click();
  await expect(page.getByRole("group", { name: "Person 2" }).getByText("already in the room")).toBeVisible();
  await page.goto(page.url().replace(/\/members\/new.*$/, "?members=open"));
  await expect(page.getByRole("complementary").getByText("Fresh Face")).toHaveCount(0);
});

test("the add-participants dialog keeps focus inside and gives it back to Add members", { tag: "@js-only" }, async ({ page, baseURL }) => {
  await signUpByRequest(page.request, baseURL!, newUserData());
  await createRoomByPage(page, `Focus ${Date.now().toString(36)}`);
  await page.getByRole("link", { name: "Add members" }).click();
  const dialog = page.getByRole("dialog", { name: "Add participants" });
  await expect(dialog).toBeVisible();
  await expect(page.getByRole("group", { name: "Person 1" }).getByLabel("Email")).toBeFocused();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog")) || document.activeElement === document.body)).toBe(
      true,
    );
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Add members" })).toBeFocused();
});
