import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createLogger } from "../server/logger";
import { defaultLiveKitBinary, LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET, startLocalLiveKit } from "../server/livekit/local-server";
import { signUpForCookie, startBenchDatabase, startServerProcess } from "./bench-server";

/**
 * Join time on the local LiveKit server, in Debian's Chromium with its fake camera and microphone:
 * from the click on Join (prep page ready, no background effect) to the person's own video
 * published and playing, and, for the second person to join, to the first person's video playing.
 * Each round is two fresh browser contexts in a fresh room; the figure is the median of the rounds.
 * Then, with a blur chosen on the prep page (and drawn there), from the click on Join to the
 * person's own processed video playing in the meeting: one person per round, in a fresh room.
 */
export interface JoinTimeOptions {
  rounds: number;
  liveKitPort: number;
}

export const FULL_JOIN: JoinTimeOptions = { rounds: 7, liveKitPort: 7960 };
export const SMOKE_JOIN: JoinTimeOptions = { rounds: 1, liveKitPort: 7970 };

const LOCAL_VIDEO = '.lk-participant-tile[data-lk-local-participant="true"] video';
const REMOTE_VIDEO = '.lk-participant-tile[data-lk-local-participant="false"] video';
const BLUR = { label: "Slight blur", id: "blur-light" };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Resolves once the video has a decoded frame and is playing; `processed`: and its track is the
 * background processor's output, not Chromium's fake camera itself.
 */
async function videoPlaying(page: Page, selector: string, processed = false) {
  await page.waitForFunction(
    ({ css, processed }) => {
      const video = document.querySelector<HTMLVideoElement>(css);
      if (!video || video.videoWidth === 0 || video.readyState < 2 || video.paused) return false;
      const label = (video.srcObject as MediaStream | null)?.getVideoTracks()[0]?.label ?? "";
      return !processed || !/fake/i.test(label);
    },
    { css: selector, processed },
    { polling: 25, timeout: 30_000 },
  );
}

async function prepared(
  browser: Browser,
  appUrl: string,
  cookie: string,
  roomId: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: appUrl });
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([
    { name, value, domain: new URL(appUrl).hostname, path: "/", httpOnly: true, secure: name.startsWith("__Host-"), sameSite: "Lax" },
  ]);
  const page = await context.newPage();
  if (process.env.JOIN_DEBUG) page.on("console", (m) => console.error("console:", m.type(), m.text().slice(0, 300)));
  await page.goto(`/room/${roomId}/prep`);
  await page.getByTestId("prep-preview").waitFor({ state: "visible", timeout: 30_000 });
  await videoPlaying(page, '[data-testid="prep-preview"]');
  return { context, page };
}

/** The blur chosen on the prep page, and drawn on its preview. */
async function chooseBlur(page: Page) {
  await page.locator("label", { hasText: BLUR.label }).click();
  await page.locator(`[data-testid="prep-preview"][data-effect="${BLUR.id}"]`).waitFor({ timeout: 60_000 });
  await videoPlaying(page, '[data-testid="prep-preview"]', true);
}

async function clickJoin(page: Page) {
  const started = Date.now();
  await page.getByRole("button", { name: "Join", exact: true }).click();
  return started;
}

export async function benchJoinTime(options: JoinTimeOptions, context = { startCluster: true, port: 3240 }) {
  const logger = createLogger("warn");
  const db = await startBenchDatabase({ startCluster: context.startCluster });
  const livekit = await startLocalLiveKit({
    binary: process.env.LIVEKIT_SERVER_BIN ?? defaultLiveKitBinary(process.env),
    port: options.liveKitPort,
    logFile: path.resolve(".data/bench/livekit.log"),
    logger,
  });
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServerProcess({
      databaseUrl: db.url,
      port: context.port,
      env: { LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: LOCAL_LIVEKIT_KEY, LIVEKIT_API_SECRET: LOCAL_LIVEKIT_SECRET },
    });
    const appUrl = server.url;
    const stamp = Date.now().toString(36);
    const first = await signUpForCookie(appUrl, `join_a_${stamp}`);
    const second = await signUpForCookie(appUrl, `join_b_${stamp}`);
    const ids = await db.sql("select id, email from users where email = any($1)", [[first.email, second.email]]);
    const idOf = (email: string) => ids.rows.find((row) => row.email === email)!.id as string;

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--disable-background-networking", "--no-first-run"],
    });
    const newRoom = async (name: string) => {
      const { rows } = await db.sql("insert into rooms (room_name, owner_id, livekit_room_name) values ($1, $2, 'pending') returning id", [
        name,
        idOf(first.email),
      ]);
      const roomId = rows[0].id as string;
      await db.sql("update rooms set livekit_room_name = 'parley-' || id where id = $1", [roomId]);
      await db.sql(
        `insert into room_participants (room_id, user_id, email, name, role, joined_at)
         values ($1, $2, $3, 'Ann First', 'owner', now()), ($1, $4, $5, 'Bo Second', 'participant', now())`,
        [roomId, idOf(first.email), first.email, idOf(second.email), second.email],
      );
      return roomId;
    };
    const rounds: Array<{ ownVideo: number; otherVideo: number; secondOwnVideo: number }> = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const roomId = await newRoom(`Join time ${round}`);
      const a = await prepared(browser, appUrl, first.cookie, roomId);
      const b = await prepared(browser, appUrl, second.cookie, roomId);
      try {
        const aClicked = await clickJoin(a.page);
        await videoPlaying(a.page, LOCAL_VIDEO);
        const ownVideo = Date.now() - aClicked;
        const bClicked = await clickJoin(b.page);
        const bOwn = videoPlaying(b.page, LOCAL_VIDEO).then(() => Date.now() - bClicked);
        await videoPlaying(b.page, REMOTE_VIDEO);
        const otherVideo = Date.now() - bClicked;
        rounds.push({ ownVideo, otherVideo, secondOwnVideo: await bOwn });
      } finally {
        await a.context.close();
        await b.context.close();
      }
    }
    const blurred: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const a = await prepared(browser, appUrl, first.cookie, await newRoom(`Blur join time ${round}`));
      try {
        await chooseBlur(a.page);
        const clicked = await clickJoin(a.page);
        await videoPlaying(a.page, LOCAL_VIDEO, true);
        blurred.push(Date.now() - clicked);
      } finally {
        await a.context.close();
      }
    }
    return {
      rounds: rounds.length,
      "Join → own video published, median ms": median(rounds.map((r) => r.ownVideo)),
      "own video spread ms": `${Math.min(...rounds.map((r) => r.ownVideo))}–${Math.max(...rounds.map((r) => r.ownVideo))}`,
      "Join → other's video playing, median ms": median(rounds.map((r) => r.otherVideo)),
      "other's video spread ms": `${Math.min(...rounds.map((r) => r.otherVideo))}–${Math.max(...rounds.map((r) => r.otherVideo))}`,
      "second joiner's own video, median ms": median(rounds.map((r) => r.secondOwnVideo)),
      "target (median) ms": 1500,
      "blur: Join → own processed video playing, median ms": median(blurred),
      "blur spread ms": `${Math.min(...blurred)}–${Math.max(...blurred)}`,
      "blur target (median) ms": 2000,
    };
  } finally {
    await browser?.close();
    await server?.stop();
    await livekit.stop();
    await db.stop();
  }
}
