import type { Browser, Page } from "@playwright/test";
import { createRoomByPage, expect, expectNoA11yViolations, newUserData, openLatestEmail, signUpByRequest, test } from "./fixtures";

// Roles, leaving, handing over and invitation links: with JavaScript on and off (and on a phone,
// see playwright.config.ts), each page checked with axe.

const javaScriptOn = () => test.info().project.use.javaScriptEnabled !== false;
const panel = (page: Page) => page.locator("#members-panel");
/** "Make moderator: Milo" as the panel names its buttons (the name part is for screen readers only). */
const forPerson = (action: string, person: string) => new RegExp(`^${action}\\s?: ${person}$`);
let sequence = 0;

/** The owner invites someone through the add-participants form (a plain form post). */
async function invite(owner: Page, baseURL: string, roomUrl: string, person: { email: string; name: string }) {
  const response = await owner.request.post(`${roomUrl}/members/new`, {
    headers: { Origin: baseURL },
    form: { "rows[0].email": person.email, "rows[0].name": person.name },
    maxRedirects: 0,
  });
  expect(response.status(), await response.text()).toBe(302);
}

/** A second person, signed up in their own browser, who joins the room with their emailed link. */
async function joinedMember(browser: Browser, baseURL: string, owner: Page, roomUrl: string, roomName: string, name: string) {
  const user = newUserData({ name });
  await invite(owner, baseURL, roomUrl, user);
  const context = await browser.newContext({
    javaScriptEnabled: javaScriptOn(),
    viewport: test.info().project.use.viewport,
    extraHTTPHeaders: { "X-Forwarded-For": `10.203.${sequence++ % 250}.${Math.floor(Math.random() * 250)}` },
  });
  const page = await context.newPage();
  await signUpByRequest(page.request, baseURL, user);
  await page.goto(await openLatestEmail(page, user.email, new RegExp(`invited you to “${roomName}”`)));
  await page.getByRole("button", { name: `Join ${roomName}` }).click();
  await expect(page).toHaveURL(/\/prep$/);
  // Off the prep page at once: its camera preview would take the CPU the other browsers need.
  await page.goto(roomUrl);
  return { page, user, close: () => context.close() };
}

async function ownerWithRoom(page: Page, baseURL: string, label: string) {
  const owner = newUserData({ name: "Olive Owner" });
  await signUpByRequest(page.request, baseURL, owner);
  const roomName = `${label} ${Date.now().toString(36)}${sequence++}`;
  return { owner, roomName, roomUrl: await createRoomByPage(page, roomName) };
}

async function openMembers(page: Page, roomUrl: string) {
  await page.goto(`${roomUrl}?members=open`);
  await expect(panel(page).getByRole("heading", { name: /Members/ })).toBeVisible();
}

test("the owner makes a member a moderator, who then moderates, and back", async ({ page, browser, baseURL }) => {
  test.slow(); // three people, each signing up and joining
  const { roomName, roomUrl } = await ownerWithRoom(page, baseURL!, "Roles");
  await page.goto(roomUrl);
  await page.getByLabel("Message").fill("A post by the owner");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("A post by the owner")).toBeVisible();
  const milo = await joinedMember(browser, baseURL!, page, roomUrl, roomName, "Milo Member");
  const pat = await joinedMember(browser, baseURL!, page, roomUrl, roomName, "Pat Participant");

  // As a member, Milo may do nothing to others.
  await openMembers(milo.page, roomUrl);
  await expect(panel(milo.page).getByText(/Remove/)).toHaveCount(0);
  await expect(milo.page.getByRole("button", { name: /Delete message from Olive Owner/ })).toHaveCount(0);

  await openMembers(page, roomUrl);
  await expectNoA11yViolations(page);
  await panel(page)
    .getByRole("button", { name: forPerson("Make moderator", "Milo Member") })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Milo Member is now a moderator." })).toBeVisible();
  await expect(panel(page).getByRole("row", { name: /Milo Member/ })).toContainText("Moderator");

  // As a moderator: add people, remove a member (not the owner), delete anyone's post.
  await openMembers(milo.page, roomUrl);
  await expect(milo.page.getByRole("link", { name: "Add members" })).toBeVisible();
  await expect(milo.page.getByRole("link", { name: "Room settings" })).toHaveCount(0);
  await expect(panel(milo.page).getByText(forPerson("Remove", "Olive Owner"))).toHaveCount(0);
  await expect(panel(milo.page).getByText(forPerson("Remove", "Pat Participant"))).toBeVisible();
  await expectNoA11yViolations(milo.page);
  await milo.page.goto(roomUrl);
  await milo.page.getByRole("button", { name: "Delete message from Olive Owner" }).click();
  await expect(milo.page.getByText("message deleted")).toBeVisible();

  await openMembers(page, roomUrl);
  await panel(page)
    .getByRole("button", { name: forPerson("Make member", "Milo Member") })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Milo Member is now a member." })).toBeVisible();
  await milo.page.goto(roomUrl);
  await expect(milo.page.getByRole("heading", { level: 1, name: roomName })).toBeVisible();
  await expect(milo.page.getByRole("link", { name: "Add members" })).toHaveCount(0);
  await milo.close();
  await pat.close();
});

test("a member leaves after confirming; the owner is asked to hand the room over first", async ({ page, browser, baseURL }) => {
  const { roomName, roomUrl } = await ownerWithRoom(page, baseURL!, "Leave");
  const milo = await joinedMember(browser, baseURL!, page, roomUrl, roomName, "Milo Member");

  await milo.page.goto(roomUrl);
  await milo.page.getByRole("link", { name: "Leave room" }).click();
  await expect(milo.page.getByRole("heading", { name: `Leave ${roomName}?` })).toBeVisible();
  await expectNoA11yViolations(milo.page);
  await milo.page.getByRole("button", { name: "Leave the room" }).click();
  await expect(milo.page.getByRole("status").filter({ hasText: `You left ${roomName}.` })).toBeVisible();
  await expect(milo.page).toHaveURL(/\/home$/);
  await expect(milo.page.getByRole("link", { name: roomName })).toHaveCount(0);
  expect((await milo.page.goto(roomUrl))!.status()).toBe(404);

  await page.goto(roomUrl);
  await page.getByRole("link", { name: "Leave room" }).click();
  await expect(page.getByText("Before you leave, hand it over to another member.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Leave the room" })).toHaveCount(0);
  await expectNoA11yViolations(page);
  await milo.close();
});

test("the owner hands the room over, stays as a moderator, then leaves", async ({ page, browser, baseURL }) => {
  const { roomName, roomUrl } = await ownerWithRoom(page, baseURL!, "Hand over");
  const milo = await joinedMember(browser, baseURL!, page, roomUrl, roomName, "Milo Member");
  await invite(page, baseURL!, roomUrl, { email: newUserData().email, name: "Ivy Invited" });

  await page.goto(roomUrl);
  await page.getByRole("link", { name: "Leave room" }).click();
  await page.getByRole("link", { name: "Hand the room over" }).click();
  await expect(page.getByRole("heading", { name: `Hand ${roomName} over` })).toBeVisible();
  // Only people who have joined can receive it.
  await expect(page.getByRole("radio")).toHaveCount(1);
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Hand the room over" }).click();
  await expect(page.getByText("Choose a member")).toBeVisible();
  await page.getByRole("radio", { name: /Milo Member/ }).check();
  await page.getByRole("button", { name: "Hand the room over" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Milo Member now owns the room. You are a moderator in it." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Room settings" })).toHaveCount(0);
  await expect(panel(page).getByRole("row", { name: /Olive Owner/ })).toContainText("Moderator");

  await milo.page.goto(roomUrl);
  await expect(milo.page.getByRole("link", { name: "Room settings" })).toBeVisible();

  await page.goto(roomUrl);
  await page.getByRole("link", { name: "Leave room" }).click();
  await page.getByRole("button", { name: "Leave the room" }).click();
  await expect(page.getByRole("status").filter({ hasText: `You left ${roomName}.` })).toBeVisible();
  await milo.close();
});

test("a moderator gets a fresh invitation link to pass on; the emailed one stops working", async ({ page, browser, baseURL, context }) => {
  const { roomName, roomUrl } = await ownerWithRoom(page, baseURL!, "Link");
  const ivy = { email: newUserData().email, name: "Ivy Invited" };
  await invite(page, baseURL!, roomUrl, ivy);
  const emailed = await openLatestEmail(page, ivy.email, new RegExp(`invited you to “${roomName}”`));

  await openMembers(page, roomUrl);
  await panel(page)
    .getByRole("link", { name: forPerson("Get invitation link", "Ivy Invited") })
    .click();
  await expect(page.getByRole("heading", { name: "Invitation link for Ivy Invited" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Get a new link" }).click();
  const field = page.getByRole("textbox", { name: `Link for ${ivy.email}` });
  await expect(field).toHaveAttribute("readonly", "");
  const link = await field.inputValue();
  expect(link).toMatch(new RegExp(`^${roomUrl}/join\\?token=[\\w-]{43}$`));
  await expectNoA11yViolations(page);

  if (javaScriptOn()) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Link copied." })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  } else {
    await expect(page.getByRole("button", { name: "Copy link" })).toHaveCount(0);
  }

  const guest = await browser.newContext({ javaScriptEnabled: javaScriptOn() });
  const guestPage = await guest.newPage();
  await guestPage.goto(emailed);
  await expect(guestPage.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
  await guestPage.goto(link);
  await expect(guestPage.getByRole("button", { name: "Join as a guest (Ivy Invited)" })).toBeVisible();
  await guest.close();
});

test(
  "new posts from others are announced politely, with author and first words only",
  { tag: "@js-only" },
  async ({ page, browser, baseURL }) => {
    const { roomName, roomUrl } = await ownerWithRoom(page, baseURL!, "Announce");
    const milo = await joinedMember(browser, baseURL!, page, roomUrl, roomName, "Milo Member");
    await page.goto(roomUrl);
    await expect(page.locator("main")).toHaveAttribute("data-live", "connected");
    const announcer = page.getByTestId("new-post-announcer");
    await expect(announcer).toHaveAttribute("aria-live", "polite");
    await expect(announcer).toHaveText("");

    await page.getByLabel("Message").fill("My own words are not announced to me");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByText("My own words are not announced to me")).toBeVisible();
    await expect(announcer).toHaveText("");

    const long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
    const posted = await milo.page.request.post(roomUrl, { headers: { Origin: baseURL! }, form: { intent: "post", message: long } });
    expect(posted.ok()).toBe(true);
    await expect(announcer).toHaveText("New post from Milo Member: one two three four five six seven eight nine ten eleven twelve…");
    await milo.close();
  },
);

test(
  "on a narrow screen the members panel is a drawer over the feed that holds and returns focus",
  { tag: "@js-only" },
  async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const { roomUrl } = await ownerWithRoom(page, baseURL!, "Drawer");
    await page.goto(roomUrl);
    await page.getByRole("link", { name: "Show members" }).click();
    const drawer = page.getByRole("dialog", { name: /Members/ });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole("heading", { name: /Members/ })).toBeFocused();
    const box = (await drawer.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(390 - 1);
    // What is behind the drawer cannot be reached.
    await expect(page.locator("main")).toHaveJSProperty("inert", true);
    await expectNoA11yViolations(page);
    await page.keyboard.press("Escape");
    await expect(drawer).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Show members" })).toBeFocused();

    await page.getByRole("link", { name: "Show members" }).click();
    await drawer.getByRole("link", { name: "Close members" }).click();
    await expect(drawer).toHaveCount(0);
  },
);

test("the members panel covers the feed on a narrow screen without JavaScript too, and closes by link", async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const { roomUrl } = await ownerWithRoom(page, baseURL!, "Narrow");
  await openMembers(page, roomUrl);
  const box = (await panel(page).boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(390 - 1);
  await panel(page).getByRole("link", { name: "Close members" }).click();
  await expect(panel(page)).toHaveCount(0);
});
