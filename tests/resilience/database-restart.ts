import pg from "pg";
import { freePort, signUpForCookie, startServerProcess } from "../../bench/bench-server";
import { startLoad, type LoadTarget, type Sample } from "./request-load";
import { openRoomStream, type RoomStream } from "./room-stream";
import { checks, type Scenario } from "./scenario";
import { startStoppablePostgres } from "./stoppable-postgres";
import { heldInTime, waitFor } from "../support/wait-for";

/**
 * Database restart under load: PostgreSQL is stopped in the middle of a load run and started
 * again. While it is down every page must answer quickly (no hang) with a readable 503 page, the
 * health check must say 503 and the server must stay up; once it is back, the room page must
 * answer 200 within 5 s, with the session from before, and the live feed must work again.
 */
const PHASES = {
  quick: { beforeMs: 1_500, downMs: 3_000, afterMs: 2_000, workers: 4 },
  full: { beforeMs: 8_000, downMs: 10_000, afterMs: 10_000, workers: 8 },
};
const HANG_MS = 3_000;
const RECOVERY_TARGET_MS = 5_000;
const LIVE_EVENT_TARGET_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) =>
  values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]! : 0;

/** A page a person could read: the error boundary's heading and sentence, no internals. */
function isReadableUnavailablePage(sample: Sample) {
  const body = sample.body ?? "";
  return (
    Boolean(sample.contentType?.startsWith("text/html")) &&
    /<h1[^>]*>Parley is briefly unavailable<\/h1>/.test(body) &&
    /try again in a moment/i.test(body) &&
    !/\bat .+:\d+:\d+\)|node_modules|Sequelize|ECONNREFUSED/.test(body)
  );
}

async function seedRoom(url: string, cookie: string, databaseUrl: string, email: string) {
  const created = await fetch(`${url}/api/rooms`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: url, "Content-Type": "application/json" },
    body: JSON.stringify({ room_name: "Through the outage" }),
  });
  if (created.status !== 201) throw new Error(`creating the room: ${created.status}`);
  const roomId = ((await created.json()) as { id: string }).id;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `insert into posts (room_id, creator_id, message, created_at)
       select $1, u.id, 'Post number ' || g, now() - (g || ' seconds')::interval
         from users u cross join generate_series(1, 50) g where u.email = $2`,
      [roomId, email],
    );
  } finally {
    await client.end();
  }
  return roomId;
}

/** Posts through the room page's form, as a browser without JavaScript does; returns the new post's id. */
async function postByForm(url: string, cookie: string, roomId: string, message: string) {
  const response = await fetch(`${url}/room/${roomId}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "post", message }),
  });
  const postId = /#post-(.+)$/.exec(response.headers.get("location") ?? "")?.[1];
  if (response.status !== 302 || !postId) throw new Error(`posting: ${response.status}`);
  return postId;
}

/** True if `condition` held within `timeout` ms. */
const heard = (condition: () => boolean, timeout: number) => heldInTime(waitFor(condition, { timeout, interval: 50 }));

async function timedGet(url: string, headers: Record<string, string> = {}) {
  const started = Date.now();
  try {
    const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(HANG_MS + 2_000) });
    await response.arrayBuffer();
    return { status: response.status, ms: Date.now() - started };
  } catch {
    return { status: 0, ms: Date.now() - started };
  }
}

export const databaseRestart: Scenario = {
  name: "database-restart",
  async run({ quick, log }) {
    const phases = quick ? PHASES.quick : PHASES.full;
    const check = checks();
    const db = await startStoppablePostgres({ dataDir: ".data/resilience-db", port: await freePort() });
    let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
    let load: ReturnType<typeof startLoad> | undefined;
    const streams: RoomStream[] = [];
    try {
      server = await startServerProcess({ databaseUrl: db.url, port: await freePort() });
      const { url } = server;
      const { cookie, email } = await signUpForCookie(url, `restart_${Date.now().toString(36)}`);
      const roomId = await seedRoom(url, cookie, db.url, email);
      // A member who keeps the room open through the outage: their live feed must come back by itself.
      streams.push(await openRoomStream(url, roomId, cookie));

      const member = { Cookie: cookie };
      const targets: LoadTarget[] = [
        { name: "room", path: `/room/${roomId}`, headers: member },
        { name: "home", path: "/home", headers: member },
        { name: "landing (signed in)", path: "/", headers: member },
        { name: "landing", path: "/" },
      ];
      log(`load: ${phases.workers} workers on ${targets.map((t) => t.name).join(", ")}`);
      load = startLoad(url, targets, { workers: phases.workers, timeoutMs: HANG_MS + 2_000 });
      await sleep(phases.beforeMs);

      const stopAt = Date.now();
      await db.stop();
      const downAt = Date.now();
      log(`PostgreSQL stopped (${downAt - stopAt} ms)`);
      const health: Array<{ status: number; ms: number }> = [];
      while (Date.now() < downAt + phases.downMs) {
        health.push(await timedGet(`${url}/healthz`));
        await sleep(500);
      }
      const aliveWhileDown = server.process.exitCode === null && server.process.signalCode === null;

      const restartAt = Date.now();
      const accepting = db.waitUntilAccepting(30_000);
      await db.start();
      const acceptingAt = await accepting;
      let firstOkAt = 0;
      let roomAfter = { status: 0, ms: 0 };
      while (Date.now() < acceptingAt + 15_000) {
        roomAfter = await timedGet(`${url}/room/${roomId}`, member);
        if (roomAfter.status === 200) {
          firstOkAt = Date.now();
          break;
        }
        await sleep(50);
      }
      const recoveryMs = firstOkAt ? firstOkAt - acceptingAt : Number.NaN;
      log(`PostgreSQL accepting ${acceptingAt - restartAt} ms after the restart began; room page 200 ${recoveryMs} ms later`);

      await sleep(phases.afterMs);
      await load.stop();

      // The live feed after the outage: first on the stream kept open through it alone (a new
      // stream would restart listening by itself), then on one opened now as well.
      const keptOpen = streams[0]!;
      const postedAt = Date.now();
      const firstPostId = await postByForm(url, cookie, roomId, "Back after the restart");
      const heardKeptOpen = await heard(() => keptOpen.postIds.includes(firstPostId), LIVE_EVENT_TARGET_MS);
      const liveEventMs = Date.now() - postedAt;
      const reopened = await openRoomStream(url, roomId, cookie);
      streams.push(reopened);
      const secondPostId = await postByForm(url, cookie, roomId, "And once more");
      const heardReopened = await heard(
        () => reopened.postIds.includes(secondPostId) && keptOpen.postIds.includes(secondPostId),
        LIVE_EVENT_TARGET_MS,
      );
      const aliveAtEnd = server.process.exitCode === null && server.process.signalCode === null;

      const { samples } = load;
      const needsDatabase = (s: Sample) => s.target !== "landing";
      const down = samples.filter((s) => s.startedAt >= downAt && s.startedAt + s.ms <= restartAt);
      const downNeedingDb = down.filter(needsDatabase);
      const after = samples.filter((s) => s.startedAt >= firstOkAt + 1_000);
      const unanswered = samples.filter((s) => s.status === 0);
      const serverErrors = samples.filter((s) => s.status >= 500 && s.status !== 503);
      const maxDownMs = Math.max(0, ...down.map((s) => s.ms));

      check.expect(downNeedingDb.length > 0, "no request was made while PostgreSQL was down");
      check.expect(
        downNeedingDb.every((s) => s.status === 503),
        `while down, pages needing the database answered ${summarize(downNeedingDb)} (want 503)`,
      );
      check.expect(
        downNeedingDb.every(isReadableUnavailablePage),
        `a 503 page while down was not the readable "briefly unavailable" page: ${downNeedingDb.find((s) => !isReadableUnavailablePage(s))?.body?.slice(0, 300)}`,
      );
      check.expect(
        downNeedingDb.every((s) => s.retryAfter !== null),
        "a 503 while down had no Retry-After",
      );
      check.expect(
        down.filter((s) => !needsDatabase(s)).every((s) => s.status === 200 || s.status === 503),
        "the anonymous landing page answered neither 200 nor 503 while down",
      );
      check.expect(maxDownMs <= HANG_MS, `a request while down took ${maxDownMs} ms (max ${HANG_MS})`);
      check.expect(unanswered.length === 0, `${unanswered.length} requests got no answer (hang or refused): ${unanswered[0]?.error}`);
      check.expect(serverErrors.length === 0, `${serverErrors.length} answers were 5xx other than 503 (${summarize(serverErrors)})`);
      check.expect(
        health.length > 0 && health.every((h) => h.status === 503 && h.ms <= HANG_MS),
        `/healthz while down: ${JSON.stringify(health)}`,
      );
      check.expect(aliveWhileDown && aliveAtEnd, "the server process exited");
      check.expect(firstOkAt > 0, `the room page did not answer 200 within 15 s of PostgreSQL's return (last: ${roomAfter.status})`);
      check.expect(
        recoveryMs <= RECOVERY_TARGET_MS,
        `the room page answered 200 ${recoveryMs} ms after PostgreSQL's return (max ${RECOVERY_TARGET_MS})`,
      );
      check.expect(after.length > 0 && after.every((s) => s.status === 200 || s.status === 302), `after recovery: ${summarize(after)}`);
      check.expect(
        heardKeptOpen,
        `a stream kept open through the outage did not carry a post made after it within ${LIVE_EVENT_TARGET_MS} ms`,
      );
      check.expect(heardReopened, `a post did not reach both the kept-open and a newly opened stream within ${LIVE_EVENT_TARGET_MS} ms`);

      const figures = {
        requests: samples.length,
        requestsWhileDown: down.length,
        answered503WhileDown: downNeedingDb.filter((s) => s.status === 503).length,
        maxMsWhileDown: maxDownMs,
        p50MsWhileDown: percentile(
          down.map((s) => s.ms),
          0.5,
        ),
        healthzWhileDown: summarize(health),
        unanswered: unanswered.length,
        otherServerErrors: serverErrors.length,
        databaseRestartMs: acceptingAt - restartAt,
        recoverySeconds: Math.round(recoveryMs / 10) / 100,
        liveEventAfterRestartMs: heardKeptOpen ? liveEventMs : -1,
      };
      return check.result(
        `${samples.length} requests; while down ${downNeedingDb.length} × 503 (max ${maxDownMs} ms), /healthz 503; ` +
          `room page 200 ${figures.recoverySeconds} s after PostgreSQL returned, same session; live feed back`,
        figures,
      );
    } finally {
      await load?.stop();
      for (const stream of streams) stream.close();
      await server?.stop();
      await db.close();
    }
  },
};

/** "503 ×120, 500 ×2" */
function summarize(answers: Array<{ status: number; error?: string }>) {
  const counts = new Map<string, number>();
  for (const s of answers) {
    const key = s.status ? String(s.status) : `no answer (${s.error})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([status, n]) => `${status} ×${n}`).join(", ") || "none";
}
