import { signUpForCookie, startBenchDatabase, startServerProcess, freePort } from "../../bench/bench-server";
import { inBatches, seedAccounts, seedRoom, signInForCookie } from "./accounts";
import { openRoomStream, type RoomStream } from "./room-stream";
import { checks, type Scenario } from "./scenario";
import { heldInTime, waitFor } from "../support/wait-for";

/**
 * Issue 6, "Posting storm": members post as fast as they get answers, half of them the way the
 * browser with JavaScript does (a Remix fetcher: `?_data=`, `via=fetch`, a JSON answer), half
 * without (a plain form post answered by a redirect to the new post). Every response must be a
 * success, the room must hold exactly as many posts as there were successes, and every member
 * watching the live feed must have heard of every one of those posts.
 */
const FULL = { posters: 100, seconds: 60, subscribers: 5 };
const QUICK = { posters: 20, seconds: 5, subscribers: 3 };

const ROUTE_ID = "routes/room.$roomId";

interface Tally {
  ok: number;
  latencies: number[];
  errors: Map<string, number>;
}

async function postOnce(url: string, roomId: string, cookie: string, message: string, withJs: boolean): Promise<string | null> {
  const target = withJs ? `${url}/room/${roomId}?_data=${encodeURIComponent(ROUTE_ID)}` : `${url}/room/${roomId}`;
  const fields: Record<string, string> = withJs ? { intent: "post", via: "fetch", message } : { intent: "post", message };
  const response = await fetch(target, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: url, "Sec-Fetch-Site": "same-origin" },
    body: new URLSearchParams(fields),
  });
  await response.arrayBuffer();
  if (withJs)
    return response.status === 200 && response.headers.get("content-type")?.includes("application/json") ? null : `${response.status}`;
  const location = response.headers.get("location") ?? "";
  return response.status === 302 && location.startsWith(`/room/${roomId}#post-`) ? null : `${response.status} ${location}`;
}

async function poster(url: string, roomId: string, cookie: string, index: number, until: number, tally: Tally) {
  for (let n = 1; Date.now() < until; n += 1) {
    const started = performance.now();
    let error: string | null;
    try {
      error = await postOnce(url, roomId, cookie, `Storm post ${n} from member ${index}`, index % 2 === 0);
    } catch (failure) {
      error = `network: ${failure instanceof Error ? ((failure.cause as Error | undefined)?.message ?? failure.message) : String(failure)}`;
    }
    if (error) tally.errors.set(error, (tally.errors.get(error) ?? 0) + 1);
    else {
      tally.ok += 1;
      tally.latencies.push(performance.now() - started);
    }
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

/** Waits up to `timeout` ms; a miss is left to the checks that follow. */
const until = (condition: () => boolean, timeout: number) => heldInTime(waitFor(condition, { timeout }));

export const postingStorm: Scenario = {
  name: "posting-storm",
  async run({ quick, log }) {
    const plan = quick ? QUICK : FULL;
    const check = checks();
    const db = await startBenchDatabase({ startCluster: !process.env.VITEST });
    let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
    const streams: RoomStream[] = [];
    try {
      // Each member posts as fast as answers come, far beyond the 60 posts a minute a person may
      // make: the storm measures the server, so it raises the limits explicitly (SECURITY 14).
      server = await startServerProcess({ databaseUrl: db.url, port: await freePort(), env: { RATE_LIMIT_MULTIPLIER: "1000" } });
      const owner = await signUpForCookie(server.url, `storm${Date.now().toString(36)}`);
      const ownerAccount = (await db.sql("select id, email, name from users where email = $1", [owner.email])).rows[0];
      const members = await seedAccounts(db, "storm", plan.posters - 1);
      const roomId = await seedRoom(db, ownerAccount, members, "Posting storm");
      const cookies = [owner.cookie, ...(await inBatches(members, 4, (member) => signInForCookie(server!.url, member.email)))];
      log(`${cookies.length} members signed in`);

      for (const cookie of cookies.slice(0, plan.subscribers)) streams.push(await openRoomStream(server.url, roomId, cookie));

      const tally: Tally = { ok: 0, latencies: [], errors: new Map() };
      const started = performance.now();
      const deadline = Date.now() + plan.seconds * 1000;
      await Promise.all(cookies.map((cookie, index) => poster(server!.url, roomId, cookie, index, deadline, tally)));
      const seconds = (performance.now() - started) / 1000;

      const stored = (await db.sql("select id from posts where room_id = $1", [roomId])).rows.map((row) => row.id as string);
      const storedSet = new Set(stored);
      // Notifications are delivered after commit; give the last ones a moment to arrive.
      await until(() => streams.every((s) => new Set(s.postIds).size >= storedSet.size || s.ended !== null), 10_000);

      const errorCount = [...tally.errors.values()].reduce((a, b) => a + b, 0);
      const errorList = [...tally.errors].map(([what, count]) => `${count}× ${what}`).join("; ");
      check.expect(errorCount === 0, `${errorCount} requests failed: ${errorList}`);
      check.expect(stored.length === tally.ok, `the room holds ${stored.length} posts but ${tally.ok} posts were answered as successful`);
      const heard = streams.map((stream, i) => {
        const ids = new Set(stream.postIds);
        const missing = stored.filter((id) => !ids.has(id)).length;
        const unknown = [...ids].filter((id) => !storedSet.has(id)).length;
        const doubled = stream.postIds.length - ids.size;
        check.expect(stream.ended === null, `subscriber ${i + 1}'s stream ended early: ${stream.ended}`);
        check.expect(missing === 0, `subscriber ${i + 1} missed ${missing} of ${stored.length} posts`);
        check.expect(unknown === 0 && doubled === 0, `subscriber ${i + 1} heard ${unknown} posts that are not stored and ${doubled} twice`);
        return ids.size;
      });

      const sorted = [...tally.latencies].sort((a, b) => a - b);
      const figures = {
        posters: cookies.length,
        seconds: Math.round(seconds * 10) / 10,
        successes: tally.ok,
        errors: errorCount,
        postsInDatabase: stored.length,
        postsPerSecond: Math.round(tally.ok / seconds),
        p50Ms: Math.round(percentile(sorted, 50)),
        p99Ms: Math.round(percentile(sorted, 99)),
        maxMs: Math.round(sorted[sorted.length - 1] ?? NaN),
        subscribers: streams.length,
        fewestPostsHeard: Math.min(...heard),
      };
      log(JSON.stringify(figures));
      return check.result(
        `${cookies.length} members posted for ${figures.seconds} s: ${tally.ok} posts (${figures.postsPerSecond}/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms), ` +
          `${errorCount} errors, ${stored.length} in the database; ${streams.length} live subscribers heard ${heard.join(", ")}`,
        figures,
      );
    } finally {
      for (const stream of streams) stream.close();
      await server?.stop();
      await db.stop();
    }
  },
};
