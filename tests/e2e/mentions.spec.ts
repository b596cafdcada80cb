import type { Page } from "@playwright/test";
import { expect, expectNoA11yViolations, test, verifyEmail, withDatabase } from "./fixtures";
import { postItem, postMessage, roomOfTwo } from "./feed-fixtures";

/** How many mention emails were queued for this address (the outbox row is written with the post). */
const queuedMentionEmails = (email: string) =>
  withDatabase(async (db) => {
    const { rows } = await db.query("select count(*)::int as n from email_outbox where to_email = $1 and kind = 'mention'", [email]);
    return rows[0].n as number;
  });

/** The development mailbox's messages to `email` with this subject, once at least one has arrived. */
async function deliveredCount(page: Page, email: string, subject: string) {
  const links = page.getByRole("link", { name: subject, exact: true });
  await expect(async () => {
    await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
    await expect(links.first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  return links.count();
}

/** The on-demand chunk of the composer's suggestion list (esbuild names it after its module). */
const MENTION_LIST_CHUNK = /\/build\/_shared\/mention-suggestion-list-[^/]+\.js$/;

const visible = (text: string) => text.replace(/\u2060/g, "");

test("A writes @bob: B sees the mention highlighted as theirs, linked to them, and gets one email", async ({ page, browser, baseURL }) => {
  const roomName = `Launch ${Date.now().toString(36)}`;
  const { owner, member, roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!, roomName);
  // Mentions are emailed to proven addresses only.
  await verifyEmail(other, member.email);
  await postMessage(page, `@${member.username} look`, "look");
  await postMessage(page, `@${member.username} and again`, "and again");

  // The author sees a highlighted link to B; no "(you)" for them.
  const link = postItem(page, "look").getByRole("link", { name: `@${member.username}`, exact: true });
  await expect(link).toHaveClass("mention");

  // B sees it as theirs, and the link opens the members list at them.
  await other.goto(roomUrl);
  const theirs = postItem(other, "look").getByRole("link", { name: `@${member.username} (you)` });
  await expect(theirs).toHaveClass("mention mention-you");
  await expectNoA11yViolations(other);
  const href = (await theirs.getAttribute("href"))!;
  expect(href).toMatch(/\?members=open#member-[0-9a-f-]{36}$/);
  await theirs.click();
  await expect(other.locator(`#${href.split("#")[1]}`)).toContainText(member.name);

  // Two mentions within ten minutes: one email, in the development mailbox once.
  expect(await queuedMentionEmails(member.email)).toBe(1);
  expect(await queuedMentionEmails(owner.email)).toBe(0);
  const subject = `${owner.name} mentioned you in ${roomName}`;
  expect(await deliveredCount(other, member.email, subject)).toBe(1);
  await other.getByRole("link", { name: subject, exact: true }).click();
  await expect(other.locator("pre")).toContainText(`${roomUrl}#post-`);
  expect(visible(await other.locator("pre").innerText())).toContain(`@${member.username} look`);
  await close();
});

test("the profile setting turns mention emails off: still highlighted, no email", async ({ page, browser, baseURL }) => {
  const { member, roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!);
  // A proven address, so that only the setting stands between the mention and an email.
  await verifyEmail(other, member.email);
  await other.goto("/profile");
  const setting = other.getByRole("checkbox", { name: "Email me when someone mentions me" });
  await expect(setting).toBeChecked();
  await setting.uncheck();
  await other.getByRole("button", { name: "Save notification setting" }).click();
  await expect(other.getByRole("status").filter({ hasText: "You will get no emails about mentions." })).toBeVisible();
  await expect(other.getByRole("checkbox", { name: "Email me when someone mentions me" })).not.toBeChecked();
  await expectNoA11yViolations(other);

  await postMessage(page, `hey @${member.username}`, "hey");
  await other.goto(roomUrl);
  await expect(postItem(other, "hey").getByRole("link", { name: `@${member.username} (you)` })).toBeVisible();
  expect(await queuedMentionEmails(member.email)).toBe(0);
  await close();
});

test.describe("with JavaScript", { tag: "@js-only" }, () => {
  test("typing @ suggests the room's members; the keyboard or a click inserts one", async ({ page, browser, baseURL }) => {
    const { member, roomUrl, close } = await roomOfTwo(page, browser, baseURL!);
    await page.goto(roomUrl);
    await expect(page.locator("main[data-live=connected]")).toBeVisible();
    const box = page.getByRole("textbox", { name: "Message", exact: true });
    await expect(box).toHaveAttribute("aria-autocomplete", "list");

    await box.pressSequentially(`hi @${member.username.slice(0, 6)}`);
    const listbox = page.getByRole("listbox", { name: "Members to mention" });
    const option = listbox.getByRole("option", { name: new RegExp(`@${member.username}`) });
    await expect(option).toBeVisible();
    await expect(box).toHaveAttribute("aria-controls", "mention-suggestions");
    await expect(option).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
    await expect(page.getByTestId("mention-status")).toHaveText(/1 member to mention/);
    await expectNoA11yViolations(page);

    // Down and Up go round the one option; Escape closes without changing the text.
    await box.press("ArrowDown");
    await box.press("ArrowUp");
    await expect(option).toHaveAttribute("aria-selected", "true");
    await box.press("Escape");
    await expect(listbox).toBeHidden();
    await expect(box).not.toHaveAttribute("aria-activedescendant");
    await expect(box).toHaveValue(`hi @${member.username.slice(0, 6)}`);

    // Typing on opens it again; Enter inserts the name (and does not send).
    await box.press("Backspace");
    await expect(option).toBeVisible();
    await box.press("Enter");
    await expect(listbox).toBeHidden();
    await expect(box).toHaveValue(`hi @${member.username} `);

    // Tab inserts too; so does a click.
    await box.pressSequentially(`and @${member.username.slice(0, 4)}`);
    await box.press("Tab");
    await expect(box).toHaveValue(`hi @${member.username} and @${member.username} `);
    await expect(box).toBeFocused();
    await box.pressSequentially("also @");
    await listbox.getByRole("option", { name: new RegExp(`@${member.username}`) }).click();
    await expect(box).toHaveValue(`hi @${member.username} and @${member.username} also @${member.username} `);
    await expect(box).toBeFocused();

    await box.press("Enter");
    await expect(postItem(page, "also").getByRole("link", { name: `@${member.username}`, exact: true })).toHaveCount(3);
    await close();
  });

  test("the suggestion list's code loads when the message box gets the focus, not with the page", async ({ page, browser, baseURL }) => {
    const { member, roomUrl, close } = await roomOfTwo(page, browser, baseURL!);
    const listRequests: string[] = [];
    page.on("request", (request) => {
      if (MENTION_LIST_CHUNK.test(request.url())) listRequests.push(request.url());
    });
    await page.goto(roomUrl);
    await expect(page.locator("main[data-live=connected]")).toBeVisible();
    expect(listRequests).toEqual([]);

    // Hold the code on the wire: an "@" typed before it arrives opens the list once it does.
    let releaseList = () => {};
    const listHeld = new Promise<void>((resolve) => (releaseList = resolve));
    await page.route(MENTION_LIST_CHUNK, async (route) => {
      await listHeld;
      await route.continue();
    });
    const box = page.getByRole("textbox", { name: "Message", exact: true });
    await box.pressSequentially(`@${member.username.slice(0, 6)}`);
    await expect.poll(() => listRequests.length).toBe(1);
    const listbox = page.getByRole("listbox", { name: "Members to mention" });
    await expect(listbox).toBeHidden();
    releaseList();
    await expect(listbox.getByRole("option", { name: new RegExp(`@${member.username}`) })).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-controls", "mention-suggestions");
    await close();
  });

  test("a mention reaches the other member's open feed live, highlighted, and is announced as theirs", async ({
    page,
    browser,
    baseURL,
  }) => {
    const { member, roomUrl, other, close } = await roomOfTwo(page, browser, baseURL!);
    await other.goto(roomUrl);
    await expect(other.locator("main[data-live=connected]")).toBeVisible();
    await postMessage(page, `live @${member.username}`, "live");
    await expect(postItem(other, "live").getByRole("link", { name: `@${member.username} (you)` })).toBeVisible();
    await expect(other.getByTestId("new-post-announcer")).toContainText("mentioned you: live");
    await close();
  });
});
