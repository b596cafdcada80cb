import {
  createRoomByPage,
  expect,
  expectNoA11yViolations,
  inviteByPage,
  newUserData,
  openLatestEmail,
  signUpByRequest,
  test,
} from "./fixtures";

// Two people meet on the real LiveKit server the e2e app started; its signed webhooks write the
// feed's "Meeting started" / "Meeting ended" entries, which the room page shows live (JS on) and
// as plain HTML (JS off).

test("after two people meet, the feed says who started the meeting, how long it took and who came @meeting", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.setTimeout(120_000);
  const owner = newUserData({ name: "Olivia Owner" });
  await signUpByRequest(page.request, baseURL!, owner);
  const roomUrl = await createRoomByPage(page, `Retro ${Date.now().toString(36)}`);
  const guest = { email: `guest.${Date.now().toString(36)}@example.test`, name: "Gus Guest" };
  await inviteByPage(page, roomUrl, guest);
  await page.goto(roomUrl);
  await page.getByLabel("Message").fill("Agenda in the doc");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Agenda in the doc")).toBeVisible();

  // The owner joins first; the guest follows from the emailed link, in a browser of their own.
  await page.getByRole("link", { name: "Join meeting" }).click();
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page).toHaveURL(/\/meeting$/);
  const guestContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.250.0.3" } });
  const guestPage = await guestContext.newPage();
  await guestPage.goto(await openLatestEmail(guestPage, guest.email, /invited you to/));
  await guestPage.getByRole("button", { name: `Join as a guest (${guest.name})` }).click();
  await guestPage.getByRole("button", { name: "Join", exact: true }).click();
  await expect(guestPage).toHaveURL(/\/meeting$/);

  // While they meet, the room page (open in another tab) has the "started" line, live.
  const roomTab = await page.context().newPage();
  await roomTab.goto(roomUrl);
  await expect(roomTab.getByTestId("meeting-presence")).toContainText("2 in the meeting", { timeout: 20_000 });
  const started = roomTab.getByRole("listitem").filter({ hasText: "Meeting started by Olivia Owner" });
  await expect(started).toBeVisible();
  await expect(started).toContainText("Room event:");

  // Both leave; the room empties and the "ended" line arrives on the open room page without a reload.
  await guestPage.getByRole("button", { name: "Leave" }).click();
  await expect(guestPage.getByRole("heading", { name: "You left the meeting" })).toBeVisible();
  await page.getByRole("button", { name: "Leave" }).click();
  await expect(page).toHaveURL(roomUrl);
  const endedText = /Meeting ended · (under 1 min|\d+ min) · Olivia Owner, Gus Guest \(guest\)/;
  await expect(roomTab.getByRole("listitem").filter({ hasText: endedText })).toBeVisible({ timeout: 20_000 });
  await expect(roomTab.getByTestId("meeting-presence")).toHaveText("No one is in the meeting.");
  // The entries are not posts: no author header, and nothing to delete but the one real post.
  await expect(roomTab.getByRole("button", { name: /^Delete/ })).toHaveCount(1);
  await expectNoA11yViolations(roomTab);
  await guestContext.close();

  // The same feed with JavaScript off: the server-rendered page has both lines, in order.
  const jsOff = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { "X-Forwarded-For": clientIp },
  });
  const plain = await jsOff.newPage();
  await plain.goto(roomUrl);
  const lines = plain.locator("[data-kind]");
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText("Meeting started by Olivia Owner");
  await expect(lines.nth(1)).toContainText(endedText);
  await expect(plain.getByRole("button", { name: /^Delete/ })).toHaveCount(1);
  await expectNoA11yViolations(plain, true);
  await jsOff.close();
});
