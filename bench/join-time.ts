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
 */
export interface JoinTimeOptions {
  rounds: number;
  liveKitPort: number;
}

export const FULL_JOIN: JoinTimeOptions = { rounds: 7, liveKitPort: 7960 };
export const SMOKE_JOIN: JoinTimeOptions = { rounds: 1, liveKitPort: 7970 };

const LOCAL_VIDEO = '.lk-participant-tile[data-lk-local-participant="true"] video';
const REMOTE_VIDEO = '.lk-participant-tile[data-lk-local-participant="false"] video';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Resolves once the video has a decoded frame and is playing. */
async function videoPlaying(page: Page, selector: string) {
  await page.waitForFunction(
    (css) => {
      const video = document.querySelector<HTMLVideoElement>(css);
      return Boolean(video && video.videoWidth > 0 && video.readyState >= 2 && !video.paused);
    },
    selector,
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
    const rounds: Array<{ ownVideo: number; otherVideo: number; secondOwnVideo: number }> = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const { rows } = await db.sql("insert into rooms (room_name, owner_id, livekit_room_name) values ($1, $2, 'pending') returning id", [
        `Join time ${round}`,
        idOf(first.email),
      ]);
      const roomId = rows[0].id as string;
      await db.sql("update rooms set livekit_room_name = 'parley-' || id where id = $1", [roomId]);
      await db.sql(
        `insert into room_participants (room_id, user_id, email, name, role, joined_at)
         values ($1, $2, $3, 'Ann First', 'owner', now()), ($1, $4, $5, 'Bo Second', 'participant', now())`,
        [roomId, idOf(first.email), first.email, idOf(second.email), second.email],
      );
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
    return {
      rounds: rounds.length,
      "Join → own video published, median ms": median(rounds.map((r) => r.ownVideo)),
      "own video spread ms": `${Math.min(...rounds.map((r) => r.ownVideo))}–${Math.max(...rounds.map((r) => r.ownVideo))}`,
      "Join → other's video playing, median ms": median(rounds.map((r) => r.otherVideo)),
      "other's video spread ms": `${Math.min(...rounds.map((r) => r.otherVideo))}–${Math.max(...rounds.map((r) => r.otherVideo))}`,
      "second joiner's own video, median ms": median(rounds.map((r) => r.secondOwnVideo)),
      "target (median) ms": 1500,
    };
  } finally {
    await browser?.close();
    await server?.stop();
    await livekit.stop();
    await db.stop();
  }
}
