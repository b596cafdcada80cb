import type { Browser, Page } from "@playwright/test";
import { createRoomByPage, expect, newUserData, signUpByRequest, test, withDatabase, type TestUser } from "./fixtures";

/** Puts a signed-up person in a room as a participant (what an accepted invitation leaves). */
export async function addToRoom(roomId: string, email: string) {
  await withDatabase((db) =>
    db.query(
      `insert into room_participants (room_id, user_id, email, name, role, joined_at)
       select $1::uuid, id, email, name, 'participant', now() from users where email = $2`,
      [roomId, email],
    ),
  );
}

/**
 * Two people in one room, each in their own browser context (JS as the project says): `page` is
 * the owner, `other` a participant. `close()` ends the second context.
 */
export async function roomOfTwo(page: Page, browser: Browser, baseURL: string, name = `Feed ${Date.now().toString(36)}`) {
  const owner: TestUser = newUserData();
  await signUpByRequest(page.request, baseURL, owner);
  const roomUrl = await createRoomByPage(page, name);
  const roomId = roomUrl.split("/").pop()!;

  const member: TestUser = newUserData();
  const context = await browser.newContext({
    javaScriptEnabled: test.info().project.use.javaScriptEnabled,
    extraHTTPHeaders: { "X-Forwarded-For": `10.202.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
  });
  const other = await context.newPage();
  await signUpByRequest(other.request, baseURL, member);
  await addToRoom(roomId, member.email);
  return { owner, member, roomUrl, roomId, other, close: () => context.close() };
}

/** Sends a message from the composer and waits until the feed shows it (as `shows`, once formatted). */
export async function postMessage(page: Page, message: string, shows = message) {
  await page.getByLabel("Message", { exact: true }).fill(message);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator('li[id^="post-"]', { hasText: shows }).first()).toBeVisible();
}

export const postItem = (page: Page, text: string) => page.locator('li[id^="post-"]', { hasText: text });
