import fc from "fast-check";
import { BENCH_PASSPHRASE, freePort, signUpForCookie, startBenchDatabase, startServerProcess } from "../../bench/bench-server";
import { startFakeEmailApi } from "../support/fake-email-api";
import { honeypotFieldsIn } from "../support/honeypot";
import { tableFingerprint } from "../support/table-fingerprint";
import { apiAs, PASSPHRASE, signUpByApi } from "./app-user";
import { describe, fuzzRequests, hasMalformedPath, isCrossSite, mightSucceed, toFetch, type FuzzRequest } from "./form-fuzz-requests";
import type { FuzzWorld } from "./form-fuzz-routes";
import { checks, type Scenario } from "./scenario";
import { heldInTime, waitFor } from "../support/wait-for";

/**
 * Thousands of generated malformed form posts across every page that takes one, sent as a browser
 * without JavaScript sends them and as Remix's fetch does (`?_data=<route id>`), urlencoded and
 * multipart, signed in or not, same-site or cross-site, to the production build. None may answer
 * ≥ 500, and the database must be exactly as before: a refused request writes nothing.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const CONCURRENCY = 6;

/**
 * Every table, with these exceptions. `rate_limits`: refused requests legitimately count against
 * limits (a well-formed sign-in with a wrong password, a reset-link submission). `sessions` only
 * by identity and revocation: using a session slides its `expires_at` forward (its renewal window).
 * `room_participants` without the read point: a refused form post on a room page renders that page,
 * and viewing a room's newest page records what its member has seen.
 * Plus the email jobs, which a write would enqueue in the same transaction as its outbox row.
 */
const fingerprint = (sql: (text: string) => Promise<{ rows: Array<Record<string, unknown>> }>) =>
  tableFingerprint(async (text) => (await sql(text)).rows, {
    except: ["rate_limits"],
    columns: {
      sessions: "id, user_id, user_agent, created_at, revoked_at",
      room_participants: "to_jsonb(room_participants) - 'last_read_at' - 'last_read_post_id'",
    },
    extra: { "pgboss.job (email delivery)": "select id from pgboss.job where name = 'email-delivery'" },
  });

/** Two members and three rooms, made through the app: mine, someone else's where I am a member, and one where I am nobody. */
async function buildWorld(url: string, sql: (text: string) => Promise<{ rows: Array<Record<string, unknown>> }>): Promise<FuzzWorld> {
  const me = await signUpForCookie(url, "fuzz_me");
  const otherEmail = "fuzz.other@example.test";
  const asMe = apiAs(url, { cookie: me.cookie });
  const asOther = apiAs(url, {
    token: await signUpByApi(url, { prefix: "fuzz_other", email: otherEmail, name: "Other Person" }, "198.51.100.70"),
  });

  const own = (await asMe<{ id: string }>("POST", "/api/rooms", { room_name: "Mine" })).id;
  const member = (await asOther<{ id: string }>("POST", "/api/rooms", { room_name: "Theirs, with me" })).id;
  const foreign = (await asOther<{ id: string }>("POST", "/api/rooms", { room_name: "Theirs" })).id;
  await asMe("POST", `/api/rooms/${own}/participants`, { participants: [{ email: "guest.one@example.test", name: "Guest One" }] });
  await asOther("POST", `/api/rooms/${member}/participants`, {
    participants: [
      { email: me.email, name: "Me" },
      { email: "guest.three@example.test", name: "Guest Three" },
    ],
  });
  await asOther("POST", `/api/rooms/${foreign}/participants`, { participants: [{ email: "guest.two@example.test", name: "Guest Two" }] });
  // Invitations reach an account by address only once it is proven (seeded here, as the other scenarios seed).
  await sql(`update users set email_verified_at = now() where email = '${me.email.replace(/'/g, "''")}'`);
  const invites = await asMe<Array<{ id: string; room_id: string }>>("GET", "/api/invites");
  await asMe("POST", `/api/invites/${invites.find((i) => i.room_id === member)!.id}/accept`, {});
  for (const [as, room] of [
    [asMe, own],
    [asMe, member],
    [asOther, member],
    [asOther, foreign],
  ] as const) {
    await as("POST", `/api/rooms/${room}/posts`, { message: "A post from before the fuzz" });
  }

  const grouped = async (table: string) => {
    const byRoom: Record<string, string[]> = {};
    for (const row of (await sql(`select id::text as id, room_id::text as room from ${table}`)).rows as Array<{
      id: string;
      room: string;
    }>) {
      (byRoom[row.room] ??= []).push(row.id);
    }
    return byRoom;
  };
  const page = await (await fetch(`${url}/auth/signup`)).text();
  return {
    url,
    cookie: me.cookie,
    myEmail: me.email,
    passwords: [BENCH_PASSPHRASE, PASSPHRASE],
    accountEmails: [me.email, otherEmail],
    rooms: { own, member, foreign },
    participantIds: await grouped("room_participants"),
    postIds: await grouped("posts"),
    inviteIds: ((await sql("select id::text as id from invites")).rows as Array<{ id: string }>).map((r) => r.id),
    honeypotFrom: honeypotFieldsIn(page).from__confirm,
  };
}

/** What stopped a refused request, told apart by status and the app's own refusal texts. */
function refusal(status: number, body: string, headers: Headers): string {
  if (status === 403 && body.includes("did not come from Parley's own pages")) return "cross-site refused";
  if (status === 400 && body.includes("could not be submitted")) return "honeypot";
  if (status === 400 && /could not be read|not UTF-8/.test(body)) return "unreadable form";
  if (status === 415) return "not a form";
  if (status === 413) return "too large";
  if (status === 405) return "no action";
  if ((status >= 300 && status < 400) || headers.get("x-remix-redirect")) return "redirected (who is asking)";
  return "refused by validation or the service";
}

/** Sends every request, a few at a time, and tallies what came back. */
async function sendAll(requests: FuzzRequest[], world: FuzzWorld) {
  const statuses = new Map<number, number>();
  const refusals = new Map<string, number>();
  const byStyle = { "no-js": 0, js: 0 };
  const failures: string[] = [];
  const durations: Array<{ ms: number; request: FuzzRequest }> = [];
  let networkErrors = 0;
  let crossSiteNot403 = 0;
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const { url, init } = toFetch(request, world);
      const sentAt = Date.now();
      try {
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
        const body = await response.text();
        durations.push({ ms: Date.now() - sentAt, request });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const why = refusal(response.status, body, response.headers);
        refusals.set(why, (refusals.get(why) ?? 0) + 1);
        byStyle[request.style] += 1;
        if (response.status >= 500) failures.push(`${response.status} ← ${describe(request)} → ${body.slice(0, 200)}`);
        if (isCrossSite(request) && response.status !== 403 && !(hasMalformedPath(request) && response.status === 400)) {
          crossSiteNot403 += 1;
          failures.push(`cross-site answered ${response.status} ← ${describe(request)}`);
        }
      } catch (error) {
        networkErrors += 1;
        const cause = (error as { cause?: { code?: string } }).cause;
        failures.push(`network error ${error instanceof Error ? error.message : error} (${cause?.code ?? ""}) ← ${describe(request)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { statuses, refusals, byStyle, failures, durations, networkErrors, crossSiteNot403, seconds: (Date.now() - started) / 1000 };
}

export const formFuzz: Scenario = {
  name: "form-fuzz",
  async run({ quick, log }) {
    const total = quick ? 500 : 10_000;
    const check = checks();
    const stops: Array<() => Promise<void>> = [];
    try {
      const fake = await startFakeEmailApi();
      stops.push(() => fake.close());
      // Under vitest the global setup runs the test cluster; restarting it would drop other files' databases.
      const database = await startBenchDatabase({ startCluster: !process.env.VITEST });
      stops.push(() => database.stop());
      const server = await startServerProcess({
        databaseUrl: database.url,
        port: await freePort(),
        env: { NODE_ENV: "production", SENDGRID_API_URL: fake.url, TRUST_PROXY: "loopback" },
      });
      stops.push(() => server.stop());

      const world = await buildWorld(server.url, (text) => database.sql(text));
      // The setup's invitations are delivered before the fingerprint, so the worker writes nothing during the fuzz.
      await heldInTime(
        waitFor(async () => !(await database.sql("select 1 from email_outbox where status <> 'sent'")).rowCount, {
          timeout: 30_000,
          interval: 200,
        }),
      );
      const before = await fingerprint((text) => database.sql(text));

      // Generated up front (deterministic for a seed), then sent a few at a time.
      const requests: FuzzRequest[] = [];
      let excluded = 0;
      for (let round = 0; requests.length < total; round += 1) {
        for (const request of fc.sample(fuzzRequests(world), { numRuns: total, seed: SEED + round })) {
          if (requests.length === total) break;
          if (mightSucceed(request, world)) excluded += 1;
          else requests.push(request);
        }
      }

      // Generating took the event loop for a while: let the HTTP client drop the connections the server has since closed.
      await new Promise((resolve) => setTimeout(resolve, 100));

      const sent = await sendAll(requests, world);
      const { statuses, refusals, byStyle, failures, networkErrors, crossSiteNot403, seconds } = sent;

      const after = await fingerprint((text) => database.sql(text));
      const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
      const server5xx = [...statuses].filter(([status]) => status >= 500).reduce((n, [, count]) => n + count, 0);
      const reachedValidation = refusals.get("refused by validation or the service") ?? 0;
      for (const failure of failures.slice(0, 15)) log(failure);
      const ms = sent.durations.map((d) => d.ms).sort((a, b) => a - b);
      const p99 = ms[Math.floor(ms.length * 0.99)] ?? 0;
      const slowest = sent.durations.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, request: requests[0]! });
      log(`latency p50 ${ms[Math.floor(ms.length / 2)] ?? 0} ms, p99 ${p99} ms, slowest ${slowest.ms} ms: ${describe(slowest.request)}`);
      check.expect(server5xx === 0, `${server5xx} responses ≥ 500`);
      check.expect(networkErrors === 0, `${networkErrors} network errors`);
      check.expect(crossSiteNot403 === 0, `${crossSiteNot403} cross-site posts not refused with 403`);
      check.expect(changed.length === 0, `rows written by refused requests, in: ${changed.join(", ")}`);
      check.expect(reachedValidation > requests.length / 2, `only ${reachedValidation} of ${requests.length} requests reached validation`);

      const statusLine = [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}: ${count}`)
        .join(", ");
      const refusalLine = [...refusals]
        .sort(([, a], [, b]) => b - a)
        .map(([why, count]) => `${why}: ${count}`)
        .join(", ");
      log(`statuses: ${statusLine}`);
      log(`stopped by: ${refusalLine}`);
      log(`${excluded} generated bodies left out as possibly valid (not malformed)`);
      return check.result(
        `${requests.length} malformed form posts (${byStyle["no-js"]} no-JS, ${byStyle.js} JS-style) across ${new Set(requests.map((r) => r.route.name)).size} pages in ${seconds.toFixed(1)} s: ` +
          `${server5xx} ≥ 500, ${networkErrors} network errors, tables ${changed.length ? `changed: ${changed.join(", ")}` : "unchanged"}; statuses ${statusLine}`,
        {
          requests: requests.length,
          seconds: Math.round(seconds * 10) / 10,
          statuses: statusLine,
          stoppedBy: refusalLine,
          reachedValidation,
          excludedAsPossiblyValid: excluded,
          server5xx,
          networkErrors,
          tablesChanged: changed.length,
          p99Ms: p99,
          slowestMs: slowest.ms,
          seed: SEED,
        },
      );
    } finally {
      for (const stop of stops.reverse()) await stop().catch((error) => log(`cleanup: ${error}`));
    }
  },
};
