import type { Page } from "@playwright/test";
import { E2E_BASE_URL, E2E_LIVEKIT_PORT } from "../../playwright.config";
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

// The real LiveKit server the e2e app started (LIVEKIT_URL unset), Chromium's fake camera and tone.

/** Every request a page makes, by origin: the app's and the local LiveKit server's only. */
function recordOrigins(page: Page) {
  const origins = new Set<string>();
  page.on("request", (request) => origins.add(new URL(request.url()).origin));
  page.on("websocket", (socket) => origins.add(new URL(socket.url()).origin));
  return origins;
}

const ALLOWED_ORIGINS = [E2E_BASE_URL, `ws://127.0.0.1:${E2E_LIVEKIT_PORT}`, `http://127.0.0.1:${E2E_LIVEKIT_PORT}`];

/** A participant tile's video is playing: it has frames, and time moves on. */
async function expectVideoPlaying(page: Page, selector: string, timeout = 20_000) {
  await expect
    .poll(
      async () =>
        page.evaluate(async (css) => {
          const video = document.querySelector<HTMLVideoElement>(css);
          if (!video || video.videoWidth === 0) return false;
          const before = video.currentTime;
          await new Promise((resolve) => setTimeout(resolve, 400));
          return video.currentTime > before;
        }, selector),
      { timeout },
    )
    .toBe(true);
}

/** Records how long a step took, in the test's annotations (the closing note quotes them). */
function stopwatch() {
  let last = Date.now();
  return (label: string) => {
    const now = Date.now();
    test.info().annotations.push({ type: "timing", description: `${label}: ${now - last} ms` });
    last = now;
  };
}

const REMOTE_VIDEO = '.lk-participant-tile[data-lk-local-participant="false"] video';
const LOCAL_VIDEO = '.lk-participant-tile[data-lk-local-participant="true"] video';

test("an owner and an emailed guest meet: blur, both videos playing, presence from webhooks, removal, leaving @meeting", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const lap = stopwatch();
  const owner = newUserData({ name: "Olivia Owner" });
  await signUpByRequest(page.request, baseURL!, owner);
  const roomName = `Standup ${Date.now().toString(36)}`;
  const roomUrl = await createRoomByPage(page, roomName);
  const guest = { email: `guest.${Date.now().toString(36)}@example.test`, name: "Gus Guest" };
  await inviteByPage(page, roomUrl, guest);

  // The guest opens the emailed link in a browser of their own, not signed in.
  const guestContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.250.0.2" } });
  const guestPage = await guestContext.newPage();
  const guestOrigins = recordOrigins(guestPage);
  const link = await openLatestEmail(guestPage, guest.email, /invited you to/);
  expect(link).toContain(`/room/${roomUrl.split("/").pop()}/join?token=`);
  await guestPage.goto(link);
  await expect(guestPage.getByRole("heading", { level: 1, name: `Join ${roomName}` })).toBeVisible();
  await expectNoA11yViolations(guestPage);
  await guestPage.getByRole("button", { name: `Join as a guest (${guest.name})` }).click();
  await expect(guestPage.getByRole("heading", { name: "Get ready to join" })).toBeVisible();
  await expect(guestPage.getByLabel("Your name in the meeting")).toHaveValue(guest.name);
  await expect(guestPage.getByTestId("prep-preview")).toBeVisible({ timeout: 20_000 });
  lap("owner signs up, creates a room, invites; guest opens the link and the prep page");

  // The owner prepares with a blurred background, then joins.
  const ownerOrigins = recordOrigins(page);
  await page.goto(roomUrl);
  await page.getByRole("link", { name: "Join meeting" }).click();
  await expect(page.getByRole("heading", { name: "Get ready to join" })).toBeVisible();
  await expect(page.getByTestId("prep-preview")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("meter", { name: "Microphone level" })).toBeVisible();
  // The thumbnails are labelled radio buttons: a click on the picture, or arrow keys, choose one.
  await page.locator("label", { hasText: "Slight blur" }).click();
  await expect(page.getByRole("radio", { name: "Slight blur" })).toBeChecked();
  await expect(page.getByTestId("prep-preview")).toHaveAttribute("data-effect", "blur-light", { timeout: 60_000 });
  lap("owner's prep page with blur applied");
  await expectNoA11yViolations(page);
  lap("axe on the prep page");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page).toHaveURL(/\/meeting$/);
  // Slow only here: without a GPU the blur is drawn by the CPU, on the page's main thread.
  await expectVideoPlaying(page, LOCAL_VIDEO, 45_000);
  lap("owner: Join clicked → own (blurred) video playing in the meeting");
  // What is published is the processed (blurred) track, not the raw camera.
  const localTrackLabel = await page.evaluate((css) => {
    const stream = document.querySelector<HTMLVideoElement>(css)?.srcObject as MediaStream | null;
    return stream?.getVideoTracks()[0]?.label ?? null;
  }, LOCAL_VIDEO);
  expect(localTrackLabel).not.toMatch(/fake/i);

  // The guest joins; each sees the other's video playing and has the other's audio.
  lap("checks on the owner's published track");
  await guestPage.getByRole("button", { name: "Join", exact: true }).click();
  await expect(guestPage).toHaveURL(/\/meeting$/);
  await expectVideoPlaying(guestPage, REMOTE_VIDEO);
  lap("guest: Join clicked → the owner's video playing");
  await expectVideoPlaying(page, REMOTE_VIDEO);
  lap("then the owner sees the guest's video playing");
  // The server marked the guest, in the name and in the metadata the "Guest" badge is drawn from.
  const guestTile = page.locator('.lk-participant-tile[data-lk-local-participant="false"]').first();
  await expect(guestTile.locator(".lk-participant-name")).toHaveText(`${guest.name} (guest)`);
  await expect(guestTile).toHaveAttribute("data-parley-guest", "true");
  expect(await guestTile.locator(".lk-participant-name").evaluate((el) => getComputedStyle(el, "::after").content)).toBe('"Guest"');
  await expect(page.locator('.lk-participant-tile[data-lk-local-participant="true"]').first()).not.toHaveAttribute(
    "data-parley-guest",
    "true",
  );
  await expect(guestPage.locator('.lk-participant-tile[data-lk-local-participant="true"]').first()).toHaveAttribute(
    "data-parley-guest",
    "true",
  );
  for (const [who, p] of [
    ["owner", page],
    ["guest", guestPage],
  ] as const) {
    await expect
      .poll(
        () =>
          p.evaluate(
            () =>
              [...document.querySelectorAll("audio")].filter((a) => (a.srcObject as MediaStream | null)?.getAudioTracks().length).length,
          ),
        {
          message: `the ${who} has the other's audio`,
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0);
  }
  await expectNoA11yViolations(page);
  lap("audio on both sides; axe on the meeting page");

  // The room page shows who is in the meeting, from LiveKit's own webhooks.
  const roomTab = await page.context().newPage();
  await roomTab.goto(`${roomUrl}?members=open`);
  await expect(roomTab.getByTestId("meeting-presence")).toContainText("2 in the meeting", { timeout: 15_000 });
  await expect(roomTab.getByTestId("meeting-presence")).toContainText(guest.name);
  await expect(roomTab.getByRole("complementary").getByText("In the meeting")).toHaveCount(2);
  lap("room page shows 2 in the meeting (webhooks)");

  // The owner removes the guest from the room: the guest is taken out of the meeting at once.
  await roomTab.getByText(`Remove: ${guest.name}`).click();
  await roomTab.getByRole("button", { name: `Yes, remove ${guest.name}` }).click();
  await expect(guestPage.getByRole("heading", { name: "You were removed from this meeting" })).toBeVisible({ timeout: 15_000 });
  await expect(roomTab.getByTestId("meeting-presence")).toContainText("1 in the meeting", { timeout: 15_000 });
  lap("guest removed and disconnected");

  // The owner leaves and lands back on the room page.
  await page.getByRole("button", { name: "Leave" }).click();
  await expect(page).toHaveURL(roomUrl);
  await expect(page.getByRole("heading", { level: 1, name: roomName })).toBeVisible();

  for (const origins of [ownerOrigins, guestOrigins]) {
    expect([...origins].filter((origin) => !ALLOWED_ORIGINS.includes(origin))).toEqual([]);
  }
  await guestContext.close();
});

test("changing background and microphone mid-call keeps the other person seeing and hearing, without reconnecting; removal from the meeting @meeting", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const owner = newUserData({ name: "Sam Speaker" });
  await signUpByRequest(page.request, baseURL!, owner);
  const roomUrl = await createRoomByPage(page, `Settings ${Date.now().toString(36)}`);
  const guest = { email: `listener.${Date.now().toString(36)}@example.test`, name: "Lee Listener" };
  await inviteByPage(page, roomUrl, guest);
  const guestContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.250.0.4" } });
  const guestPage = await guestContext.newPage();
  await guestPage.goto(await openLatestEmail(guestPage, guest.email, /invited you to/));
  await guestPage.getByRole("button", { name: `Join as a guest (${guest.name})` }).click();
  await expect(guestPage.getByTestId("prep-preview")).toBeVisible({ timeout: 20_000 });

  // The owner's connections to LiveKit: a reconnect would open another signal socket.
  const signalSockets: string[] = [];
  page.on("websocket", (socket) => {
    if (socket.url().includes("/rtc")) signalSockets.push(socket.url());
  });
  await page.goto(`${roomUrl}/prep`);
  await expect(page.getByTestId("prep-preview")).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expectVideoPlaying(page, LOCAL_VIDEO);
  await guestPage.getByRole("button", { name: "Join", exact: true }).click();
  await expectVideoPlaying(guestPage, REMOTE_VIDEO, 45_000);
  await expect.poll(() => signalSockets.length, { timeout: 10_000 }).toBe(1);

  // The settings panel opens from the control bar, by keyboard.
  await page.getByRole("button", { name: "Settings", exact: true }).focus();
  await page.keyboard.press("Enter");
  const settings = page.getByRole("region", { name: "Settings", exact: true });
  await expect(settings).toBeVisible();
  await expect(settings.getByRole("heading", { name: "Settings", exact: true })).toBeFocused();
  await expectNoA11yViolations(page);

  // Another microphone (Chromium's fake devices offer several), then a blur, mid-call.
  const microphone = settings.getByLabel("Microphone");
  const options = await microphone.locator("option").evaluateAll((els) => els.map((o) => (o as HTMLOptionElement).value));
  expect(options.length).toBeGreaterThan(1);
  const current = await microphone.inputValue();
  const other = options.find((value) => value !== current && value !== "default")!;
  await microphone.selectOption(other);
  await expect(microphone).toHaveValue(other);
  await settings.locator("label", { hasText: "Slight blur" }).click();
  await expect(settings.getByRole("radio", { name: "Slight blur" })).toBeChecked();
  // What the owner publishes becomes the processed (blurred) track.
  await expect
    .poll(
      () =>
        page.evaluate((css) => {
          const stream = document.querySelector<HTMLVideoElement>(css)?.srcObject as MediaStream | null;
          return stream?.getVideoTracks()[0]?.label ?? "fake";
        }, LOCAL_VIDEO),
      { timeout: 60_000 },
    )
    .not.toMatch(/fake/i);
  // Kept like the prep page's choices.
  expect(await page.evaluate(() => localStorage.getItem("parley:background"))).toBe("blur-light");
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("lk-user-choices") ?? "{}").audioDeviceId)).toBe(other);

  // The guest still sees the owner's video playing and hears a live, unmuted microphone.
  await expectVideoPlaying(guestPage, REMOTE_VIDEO, 45_000);
  await expect
    .poll(
      () =>
        guestPage.evaluate(async () => {
          const audio = [...document.querySelectorAll("audio")].find((a) => (a.srcObject as MediaStream | null)?.getAudioTracks().length);
          const track = (audio?.srcObject as MediaStream | null)?.getAudioTracks()[0];
          if (!audio || !track || track.readyState !== "live" || track.muted || !track.enabled || audio.muted || audio.paused) return false;
          const before = audio.currentTime;
          await new Promise((resolve) => setTimeout(resolve, 400));
          return audio.currentTime > before;
        }),
      { message: "the guest hears the owner", timeout: 20_000 },
    )
    .toBe(true);
  const ownerTile = guestPage.locator('.lk-participant-tile[data-lk-local-participant="false"]').first();
  await expect(ownerTile.locator('.lk-track-muted-indicator-microphone[data-lk-muted="true"]')).toHaveCount(0);
  // No reconnect: still the one signal connection, and no "Reconnecting" notice was needed.
  expect(signalSockets).toHaveLength(1);
  await expect(page.getByRole("status").filter({ hasText: "Reconnecting" })).toHaveCount(0);

  await settings.getByRole("button", { name: "Close settings" }).click();
  await expect(settings).toBeHidden();

  // The owner takes the guest out of the meeting from the member list; the guest stays a member.
  const roomTab = await page.context().newPage();
  await roomTab.goto(`${roomUrl}?members=open`);
  await expect(roomTab.getByTestId("meeting-presence")).toContainText("2 in the meeting", { timeout: 15_000 });
  // The button's name is "Remove from meeting: <name>" (the name part for screen readers only).
  const removeFromMeeting = roomTab.getByRole("button", { name: new RegExp(`^Remove from meeting\\s?: ${guest.name}$`) });
  await removeFromMeeting.click();
  await expect(guestPage.getByRole("heading", { name: "You were removed from this meeting" })).toBeVisible({ timeout: 15_000 });
  await expect(roomTab.getByTestId("meeting-presence")).toContainText("1 in the meeting", { timeout: 15_000 });
  await expect(roomTab.getByRole("complementary").getByText(guest.name, { exact: true })).toBeVisible();
  await expect(removeFromMeeting).toHaveCount(0);
  await expectVideoPlaying(page, LOCAL_VIDEO);
  await guestContext.close();
});

test("the prep page says video needs JavaScript when it is off, and still shows the room and the way back", async ({ page, baseURL }) => {
  const owner = newUserData();
  await signUpByRequest(page.request, baseURL!, owner);
  const roomName = `Quiet ${Date.now().toString(36)}`;
  const roomUrl = await createRoomByPage(page, roomName);
  await page.goto(roomUrl);
  await page.getByRole("link", { name: "Join meeting" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Get ready to join" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(roomName);
  if (test.info().project.use.javaScriptEnabled === false) {
    await expect(page.getByRole("heading", { name: "Video meetings need JavaScript" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Back to the room" })).toBeVisible();
  } else {
    await expect(page.getByRole("heading", { name: "Ready to join?" })).toBeVisible();
  }
  await expectNoA11yViolations(page);
});

test("invite links that do not work say so plainly, and strangers get 404 for a room's meeting", async ({ page, baseURL }) => {
  const owner = newUserData();
  await signUpByRequest(page.request, baseURL!, owner);
  const roomUrl = await createRoomByPage(page, `Private ${Date.now().toString(36)}`);

  const bad = await page.goto(`${roomUrl}/join?token=${"x".repeat(43)}`);
  expect(bad?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
  await expectNoA11yViolations(page);

  const stranger = newUserData();
  const strangerContext = await page
    .context()
    .browser()!
    .newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.250.0.3" } });
  await signUpByRequest(strangerContext.request, baseURL!, stranger);
  for (const path of ["prep", "meeting"]) {
    expect((await strangerContext.request.get(`${roomUrl}/${path}`)).status()).toBe(404);
  }
  await strangerContext.close();
});

test("no LiveKit code loads on the landing, auth, home and room pages @js-only", async ({ page, baseURL }) => {
  const owner = newUserData();
  await signUpByRequest(page.request, baseURL!, owner);
  const roomUrl = await createRoomByPage(page, `Light ${Date.now().toString(36)}`);
  const scripts: string[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() === "script") scripts.push(await response.text().catch(() => ""));
  });
  for (const path of [roomUrl, "/home", "/invites", "/profile"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await page.context().clearCookies();
  for (const path of ["/", "/auth/signin", "/auth/signup"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(scripts.length).toBeGreaterThan(3);
  expect(scripts.filter((source) => /livekit|mediapipe/i.test(source))).toEqual([]);
});
