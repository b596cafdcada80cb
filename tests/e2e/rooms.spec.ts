import type { Page } from "@playwright/test";
import { createRoomByPage, expect, expectNoA11yViolations, newUserData, signUpByRequest, test, withDatabase } from "./fixtures";

async function signUpInPage(page: Page, baseURL: string) {
  const user = newUserData();
  await signUpByRequest(page.request, baseURL, user);
  return user;
}

async function createRoom(page: Page, name: string, description = "") {
  await page.goto("/home");
  await page.getByRole("link", { name: "New room" }).click();
  await expect(page.getByRole("heading", { name: "Create a room" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  if (description) await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().replace(/[#?].*$/, "");
}

async function post(page: Page, message: string) {
  await page.getByLabel("Message").fill(message);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator("main li p", { hasText: message }).first()).toBeVisible();
}

test("create a room, find it, post, delete a post, page back, see members, rename and delete it", async ({ page, baseURL }) => {
  const user = await signUpInPage(page, baseURL!);
  await page.goto("/home");
  await expect(page.getByRole("heading", { name: "No rooms yet" })).toBeVisible();
  await expectNoA11yViolations(page);

  const stamp = Date.now().toString(36);
  const roomUrl = await createRoom(page, `Design review ${stamp}`, "Weekly look at what we are building");
  await expectNoA11yViolations(page);

  await page.goto("/home");
  await createRoom(page, `Other room ${stamp}`);
  await page.goto("/home");
  await page.getByLabel("Search my rooms").fill(`design review ${stamp}`);
  await page.getByLabel("Search my rooms").press("Enter");
  await expect(page.getByRole("link", { name: `Design review ${stamp}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Other room ${stamp}` })).toHaveCount(0);
  await expect(page).toHaveURL(/q=design/);

  await page.getByRole("link", { name: `Design review ${stamp}` }).click();
  await post(page, "First message");
  await post(page, "Second message, with a link https://example.test/spec");
  await post(page, "Third message");
  await expect(page.getByRole("link", { name: "https://example.test/spec" })).toBeVisible();
  await expectNoA11yViolations(page);

  await page
    .locator('li[id^="post-"]', { hasText: "Second message" })
    .getByRole("button", { name: /Delete/ })
    .click();
  await expect(page.getByText("message deleted")).toBeVisible();
  await expect(page.getByText("Second message")).toHaveCount(0);

  // 120 older posts: the feed shows the newest 50 and pages back by keyset.
  await withDatabase((db) =>
    db.query(
      `insert into posts (room_id, creator_id, message, created_at)
       select $1::uuid, (select id from users where email = $2), 'Seeded post ' || n, now() - interval '1 day' + n * interval '1 second'
         from generate_series(1, 120) n`,
      [roomUrl.split("/").pop(), user.email],
    ),
  );
  await page.goto(roomUrl);
  await expect(page.getByText("Seeded post 120", { exact: true })).toBeVisible();
  await expect(page.getByText("Seeded post 73", { exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "Load older posts" }).click();
  await expect(page.getByText("Seeded post 73", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Load older posts" }).click();
  await expect(page.getByText("Seeded post 1", { exact: true })).toBeVisible();
  await expect(page.getByText("This is the beginning of the room.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Load older posts" })).toHaveCount(0);

  await page.goto(roomUrl);
  const toggle = page.getByRole("link", { name: "Show members" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(page).toHaveURL(/members=open/);
  await expect(page.getByRole("link", { name: "Hide members" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("complementary").getByText(user.email)).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole("link", { name: "Room settings" }).click();
  await page.getByLabel("Name").fill(`Design critique ${stamp}`);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Design critique ${stamp}` })).toBeVisible();

  await page.getByRole("link", { name: "Room settings" }).click();
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Delete room" }).click();
  await expect(page.getByRole("alert")).toContainText("Tick the box");
  await page.getByLabel(/Yes, delete/).check();
  await page.getByRole("button", { name: "Delete room" }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("status")).toContainText("The room has been deleted");
  expect((await page.goto(roomUrl))!.status()).toBe(404);
});

test("a room is invisible to anyone who is not in it: 404, like a room that does not exist", async ({ page, browser, baseURL }) => {
  await signUpInPage(page, baseURL!);
  const roomUrl = await createRoom(page, `Private ${Date.now().toString(36)}`);

  const stranger = await browser.newContext({
    javaScriptEnabled: test.info().project.use.javaScriptEnabled,
    extraHTTPHeaders: { "X-Forwarded-For": "10.200.0.1" },
  });
  const strangerPage = await stranger.newPage();
  await signUpByRequest(strangerPage.request, baseURL!, newUserData());
  const response = await strangerPage.goto(roomUrl);
  expect(response!.status()).toBe(404);
  await expect(strangerPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const missing = await strangerPage.goto(`${baseURL}/room/00000000-0000-0000-0000-000000000000`);
  expect(missing!.status()).toBe(404);
  await stranger.close();
});

// Dialogs and live updates are JavaScript's part: these run in the "js" project only.
test.describe("with JavaScript", { tag: "@js-only" }, () => {
  test("the create-room dialog keeps focus inside and gives it back to the + button", async ({ page, baseURL }) => {
    await signUpInPage(page, baseURL!);
    await page.goto("/home");
    await page.getByRole("link", { name: "New room" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a room" });
    await expect(dialog).toBeVisible();
    await expect(page.getByLabel("Name")).toBeFocused();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      const inside = await page.evaluate(
        () => Boolean(document.activeElement?.closest("dialog")) || document.activeElement === document.body,
      );
      expect(inside).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole("link", { name: "New room" })).toBeFocused();
  });

  test("a new post from another member appears without a reload", async ({ page, browser, baseURL }) => {
    await signUpInPage(page, baseURL!);
    const roomUrl = await createRoom(page, `Live ${Date.now().toString(36)}`);
    const roomId = roomUrl.split("/").pop()!;

    // The owner's second browser window, as another member's would be.
    const second = await browser.newContext({
      storageState: await page.context().storageState(),
      extraHTTPHeaders: { "X-Forwarded-For": "10.201.0.1" },
    });
    const other = await second.newPage();
    await other.goto(roomUrl);
    await expect(other.getByText("No posts yet. Say hello!")).toBeVisible();
    await expect(other.locator("main[data-live=connected]")).toBeVisible();

    await page.getByLabel("Message").fill("Hello from the first window");
    await page.getByLabel("Message").press("Enter");
    await expect(page.getByLabel("Message")).toHaveValue("");
    await expect(other.getByText("Hello from the first window")).toBeVisible({ timeout: 2_000 });
    expect(roomId).toBeTruthy();
    await second.close();
  });

  test("quick messages each show once, whatever order the feed refreshes land in", async ({ page, baseURL }) => {
    await signUpInPage(page, baseURL!);
    const roomUrl = await createRoom(page, `Burst ${Date.now().toString(36)}`);
    const roomId = roomUrl.split("/").pop()!;

    // Hold the feed refresh that follows the first message until the third message is sent.
    let releaseRefresh = () => {};
    const refreshHeld = new Promise<void>((resolve) => (releaseRefresh = resolve));
    let posts = 0;
    let heldOne = false;
    await page.route(`**/room/${roomId}?*`, async (route) => {
      const request = route.request();
      if (request.method() === "POST") {
        posts += 1;
        if (posts === 3) releaseRefresh();
      } else if (posts === 1 && !heldOne) {
        heldOne = true;
        await refreshHeld;
      }
      await route.continue().catch(() => {});
    });

    for (const message of ["Burst one", "Burst two", "Burst three"]) {
      await page.getByLabel("Message").fill(message);
      await page.getByLabel("Message").press("Enter");
      await expect(page.getByLabel("Message")).toHaveValue("");
    }
    for (const message of ["Burst one", "Burst two", "Burst three"]) {
      await expect(page.locator("main li p", { hasText: message })).toHaveCount(1);
    }
    await expect(page.locator('li[id^="post-sending"]')).toHaveCount(0);
  });

  test("a message sent while the previous one is still being saved does not cancel it", async ({ page, baseURL }) => {
    await signUpInPage(page, baseURL!);
    const roomUrl = await createRoom(page, `Quick ${Date.now().toString(36)}`);
    const roomId = roomUrl.split("/").pop()!;

    // Hold the first post on the wire until the second one has been sent, as a slow network would.
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let posts = 0;
    await page.route(`**/room/${roomId}?*`, async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      posts += 1;
      if (posts === 1) await firstHeld;
      else releaseFirst();
      await route.continue().catch(() => {});
    });

    await page.getByLabel("Message").fill("First, on a slow line");
    await page.getByLabel("Message").press("Enter");
    await expect(page.getByLabel("Message")).toHaveValue("");
    await page.getByLabel("Message").fill("Second, right after");
    await page.getByLabel("Message").press("Enter");

    await expect.poll(() => posts).toBe(2);
    // The held one lands second; what matters is that both are kept.
    await expect
      .poll(() =>
        withDatabase((db) => db.query("select message from posts where room_id = $1 order by message", [roomId])).then((r) =>
          r.rows.map((row) => row.message),
        ),
      )
      .toEqual(["First, on a slow line", "Second, right after"]);
    await page.unroute(`**/room/${roomId}?*`);
    await page.reload();
    await expect(page.locator("main li p", { hasText: "First, on a slow line" })).toBeVisible();
    await expect(page.locator("main li p", { hasText: "Second, right after" })).toBeVisible();
  });
});

test("over 60 posts a minute the composer says to wait, and the post is not kept", async ({ page, baseURL }) => {
  await signUpInPage(page, baseURL!);
  const roomUrl = await createRoomByPage(page, `Busy ${Date.now().toString(36)}`);
  for (let i = 0; i < 60; i++) {
    const sent = await page.request.post(roomUrl, {
      headers: { Origin: baseURL! },
      form: { intent: "post", message: `quick post ${i}` },
      maxRedirects: 0,
    });
    expect(sent.status()).toBe(302);
  }
  await page.goto(roomUrl);
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(roomUrl));
  await page.getByLabel("Message").fill("one post too many");
  await page.getByRole("button", { name: "Send" }).click();
  expect((await answer).status()).toBe(429);
  await expect(page.getByRole("alert")).toContainText("Too many attempts. Please wait a minute");
  await expect(page.locator("main li p", { hasText: "one post too many" })).toHaveCount(0);
  await expectNoA11yViolations(page);
});
