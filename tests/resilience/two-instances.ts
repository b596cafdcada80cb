import { BENCH_PASSPHRASE, freePort, signUpForCookie, startBenchDatabase, startServerProcess } from "../../bench/bench-server";
import { RATE_POLICIES } from "../../server/services/rate-limits";
import { messagesIn, startFakeEmailApi } from "../support/fake-email-api";
import { honeypotFields, postForm, rawRequest, type RawResponse } from "../support/http-client";
import { seedAccounts, signInForCookie } from "./accounts";
import { describeEmail, tallyEmails, type ExpectedEmail } from "./expected-emails";
import { startNginx } from "./nginx";
import { openRoomStream, type RoomStream } from "./room-stream";
import { checks, type Scenario } from "./scenario";
import { heldInTime, waitFor } from "../support/wait-for";

/**
 * Issue 6, "Two app instances behind one address": two production servers on one database, behind
 * Debian's nginx running the shipped `docs/nginx.conf.example` (round robin), whose address is their
 * APP_URL. Sessions, rate limits, the live feed and the
 * email worker must behave as they do with one instance: a session works (and ends) everywhere, the
 * sign-in limit counts across both, a post made through one reaches subscribers of the other, and
 * every email is sent exactly once though both instances' workers take jobs.
 */
const FULL = { posts: 10, inviteBatches: 3, invitesPerBatch: 10, resets: 5 };
const QUICK = { posts: 4, inviteBatches: 2, invitesPerBatch: 3, resets: 2 };

type Check = ReturnType<typeof checks>;
type Server = Awaited<ReturnType<typeof startServerProcess>>;

/**
 * Both start together on a new database, as a deployment of two replicas would: each must come up
 * at the first attempt (that is a check). One retry lets the other checks run regardless.
 */
async function startInstance(name: string, options: Parameters<typeof startServerProcess>[0], check: Check): Promise<Server> {
  try {
    return await startServerProcess(options);
  } catch (error) {
    check.expect(false, `instance ${name} did not start at the first attempt: ${error instanceof Error ? error.message : String(error)}`);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // a deliberate pause before the one retry
    return startServerProcess(options);
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

const servedBy = (response: RawResponse) => String(response.headers["x-served-by"] ?? "?");
const both = (names: string[]) => names.includes("a") && names.includes("b");

/** Waits up to `timeout` ms; a miss is left to the checks that follow. */
const until = (condition: () => boolean, timeout: number) => heldInTime(waitFor(condition, { timeout }));

/** (1) A session made through one instance works on both; ended on one, it is refused by both. */
async function sessionsAcrossInstances(proxy: string, email: string, password: string, check: Check) {
  const cookie = await signInForCookie(proxy, email, password);
  const home = () => rawRequest(`${proxy}/home`, { headers: { Cookie: cookie } });
  const signedIn = [await home(), await home(), await home(), await home()];
  check.expect(
    signedIn.every((r) => r.status === 200),
    `a fresh session was refused: ${signedIn.map((r) => `${servedBy(r)} ${r.status}`).join(", ")}`,
  );
  check.expect(both(signedIn.map(servedBy)), `the session was not tried on both instances: ${signedIn.map(servedBy).join(", ")}`);

  const signOut = await postForm(proxy, "/auth/signout", {}, { Cookie: cookie });
  check.expect(signOut.status === 302, `signing out answered ${signOut.status}`);
  const after = [await home(), await home()];
  const refused = after.every((r) => r.status === 302 && String(r.headers.location).startsWith("/auth/signin"));
  check.expect(
    refused && both(after.map(servedBy)),
    `after signing out on ${servedBy(signOut)}, the cookie still worked: ${after.map((r) => `${servedBy(r)} ${r.status}`).join(", ")}`,
  );
  return { signedOutOn: servedBy(signOut) };
}

/** (3) Posts made through either instance reach subscribers of both. */
async function liveFeedAcrossInstances(proxy: string, cookie: string, posts: number, check: Check) {
  const created = await rawRequest(`${proxy}/api/rooms`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: proxy, "Content-Type": "application/json" },
    body: JSON.stringify({ room_name: "Two instances", description: "One database, two servers" }),
  });
  if (created.status !== 201) throw new Error(`creating the room answered ${created.status}: ${created.body}`);
  const roomId = (JSON.parse(created.body) as { id: string }).id;

  const streams: RoomStream[] = [];
  try {
    // nginx's round robin alternates consecutive requests, so the two streams land on different instances.
    streams.push(await openRoomStream(proxy, roomId, cookie), await openRoomStream(proxy, roomId, cookie));
    check.expect(both(streams.map((s) => s.servedBy ?? "?")), `both subscribers landed on ${streams[0]!.servedBy}`);

    const made: Array<{ id: string; on: string }> = [];
    for (let n = 1; n <= posts; n += 1) {
      const response = await postForm(proxy, `/room/${roomId}`, { intent: "post", message: `Across instances ${n}` }, { Cookie: cookie });
      const id = /#post-([0-9a-f-]+)$/.exec(String(response.headers.location ?? ""))?.[1];
      if (response.status !== 302 || !id) throw new Error(`posting answered ${response.status}`);
      made.push({ id, on: servedBy(response) });
    }
    await until(() => streams.every((s) => made.every((p) => s.postIds.includes(p.id))), 5000);
    for (const stream of streams) {
      const missed = made.filter((p) => !stream.postIds.includes(p.id));
      check.expect(
        missed.length === 0,
        `the subscriber on ${stream.servedBy} missed ${missed.length} posts (made on ${missed.map((p) => p.on).join(", ")})`,
      );
    }
    check.expect(both(made.map((p) => p.on)), `every post was made on ${made[0]?.on}`);
    return { roomId, postsAcross: made.length, heard: streams.map((s) => `${s.servedBy}: ${s.postIds.length}`).join(", ") };
  } finally {
    for (const stream of streams) stream.close();
  }
}

/**
 * (4) Invites and reset links queued through both instances (and the owner's sign-up verification
 * before them), each sent once, by both workers.
 */
async function emailsExactlyOnce(
  proxy: string,
  owner: { cookie: string; email: string },
  roomId: string,
  db: Awaited<ReturnType<typeof startBenchDatabase>>,
  api: Awaited<ReturnType<typeof startFakeEmailApi>>,
  plan: typeof FULL,
  check: Check,
) {
  const { cookie } = owner;
  const expected: ExpectedEmail[] = [{ to: owner.email, kind: "verify" }];
  for (let batch = 1; batch <= plan.inviteBatches; batch += 1) {
    const rows = Array.from({ length: plan.invitesPerBatch }, (_, i) => ({
      email: `invitee.${batch}.${i + 1}@example.test`,
      name: `Invitee ${batch}.${i + 1}`,
    }));
    const response = await rawRequest(`${proxy}/api/rooms/${roomId}/participants`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: proxy, "Content-Type": "application/json" },
      body: JSON.stringify({ participants: rows }),
    });
    if (response.status !== 201) throw new Error(`adding participants answered ${response.status}: ${response.body}`);
    expected.push(...rows.map((r) => ({ to: r.email, kind: "invite" as const })));
  }
  for (const account of await seedAccounts(db, "forgetful", plan.resets)) {
    const response = await postForm(proxy, "/auth/reset-password", {
      ...(await honeypotFields(proxy, "/auth/reset-password")),
      email: account.email,
    });
    if (response.status !== 200) throw new Error(`requesting a reset answered ${response.status}`);
    expected.push({ to: account.email, kind: "reset" });
  }

  // Each worker takes one job per polling second: allow for that, then a while longer for doubles.
  await until(() => api.requests.length >= expected.length, 20_000 + expected.length * 1000);
  await new Promise((resolve) => setTimeout(resolve, 3000)); // deliberate: time for any double to arrive

  // Every request counts, accepted or not: one sent twice is doubled however the provider answered.
  const { missing: lost, doubled, unexpected } = tallyEmails(expected, api.requests.flatMap(messagesIn));
  check.expect(lost.length === 0, `${lost.length} emails never sent: ${lost.slice(0, 5).map(describeEmail).join(", ")}`);
  check.expect(doubled.length === 0, `${doubled.length} emails sent more than once: ${doubled.slice(0, 5).map(describeEmail).join(", ")}`);
  check.expect(unexpected.length === 0, `emails nobody asked for: ${unexpected.slice(0, 5).map(describeEmail).join(", ")}`);
  check.expect(
    api.requests.every((r) => JSON.stringify(r.body).includes(`${proxy}/`)),
    "an email's link does not point at the shared address (APP_URL)",
  );

  const byInstance = { a: 0, b: 0 };
  for (const request of api.requests) {
    const key = String(request.headers.authorization ?? "");
    if (key.endsWith("SG.instance-a")) byInstance.a += 1;
    if (key.endsWith("SG.instance-b")) byInstance.b += 1;
  }
  check.expect(byInstance.a > 0 && byInstance.b > 0, `only one instance's worker sent email: a ${byInstance.a}, b ${byInstance.b}`);
  const outbox = (await db.sql("select status, count(*)::int as n, max(attempts) as attempts from email_outbox group by status")).rows;
  check.expect(
    outbox.length === 1 && outbox[0].status === "sent" && outbox[0].n === expected.length && outbox[0].attempts === 1,
    `the outbox is not all sent at the first attempt: ${JSON.stringify(outbox)}`,
  );
  return { emailsExpected: expected.length, emailsSent: api.requests.length, sentByA: byInstance.a, sentByB: byInstance.b };
}

/**
 * (2) Failed sign-ins from one client, spread over both instances, meet the per-IP limit at the
 * policy's count; another client (as the proxy reports it) is not affected.
 */
async function rateLimitAcrossInstances(proxy: string, email: string, password: string, check: Check) {
  const policy = RATE_POLICIES.signInFailuresPerIp;
  const client = "127.0.0.2";
  const fields = await honeypotFields(proxy, "/auth/signin");
  const attempts: RawResponse[] = [];
  for (let n = 1; n <= policy.points + 2; n += 1) {
    attempts.push(
      await rawRequest(`${proxy}/auth/signin`, {
        method: "POST",
        localAddress: client,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: proxy },
        body: new URLSearchParams({ ...fields, email, password: `wrong guess ${n}`, redirectTo: "" }).toString(),
      }),
    );
  }
  const firstRefusal = attempts.findIndex((r) => r.status === 429) + 1;
  const before = attempts.slice(0, policy.points);
  const after = attempts.slice(policy.points);
  check.expect(
    before.every((r) => r.status === 401),
    `the first ${policy.points} wrong passwords answered ${before.map((r) => r.status).join(", ")}`,
  );
  check.expect(both(before.map(servedBy)), `the failures were not spread over both instances: ${before.map(servedBy).join("")}`);
  check.expect(
    after.every((r) => r.status === 429) && both(after.map(servedBy)),
    `after ${policy.points} failures both instances must refuse: ${after.map((r) => `${servedBy(r)} ${r.status}`).join(", ")}`,
  );
  // The limit is the client's, not the proxy's: someone else signs in as usual.
  let otherClientSignsIn = true;
  try {
    await signInForCookie(proxy, email, password);
  } catch {
    otherClientSignsIn = false;
  }
  check.expect(otherClientSignsIn, "another client could not sign in: the limit counted the proxy's address, not the client's");
  return { signInRefusedAtAttempt: firstRefusal, policyPoints: policy.points };
}

export const twoInstances: Scenario = {
  name: "two-instances",
  async run({ quick, log }) {
    const plan = quick ? QUICK : FULL;
    const check = checks();
    const db = await startBenchDatabase({ startCluster: !process.env.VITEST });
    const api = await startFakeEmailApi();
    const instances: Server[] = [];
    let proxy: Awaited<ReturnType<typeof startNginx>> | undefined;
    try {
      const [proxyPort, portA, portB] = await distinctFreePorts(3);
      const proxyUrl = `http://127.0.0.1:${proxyPort}`;
      const env = (name: string): NodeJS.ProcessEnv => ({
        NODE_ENV: "production",
        APP_URL: proxyUrl,
        TRUST_PROXY: "loopback",
        SENDGRID_API_URL: api.url,
        // The same account in real life; distinct keys here tell which instance's worker sent each email.
        SENDGRID_API_KEY: `SG.instance-${name}`,
      });
      instances.push(
        ...(await Promise.all([
          startInstance("a", { databaseUrl: db.url, port: portA!, env: env("a") }, check),
          startInstance("b", { databaseUrl: db.url, port: portB!, env: env("b") }, check),
        ])),
      );
      proxy = await startNginx({
        port: proxyPort,
        backends: [
          { name: "a", url: instances[0]!.url },
          { name: "b", url: instances[1]!.url },
        ],
      });
      log(`instances a ${instances[0]!.url} and b ${instances[1]!.url} behind ${proxy.url}`);

      const owner = await signUpForCookie(proxy.url, `two${Date.now().toString(36)}`);
      const sessions = await sessionsAcrossInstances(proxy.url, owner.email, BENCH_PASSPHRASE, check);
      log(`sessions: checked (signed out on ${sessions.signedOutOn})`);
      const feed = await liveFeedAcrossInstances(proxy.url, owner.cookie, plan.posts, check);
      log(`live feed: ${feed.postsAcross} posts, heard ${feed.heard}`);
      const emails = await emailsExactlyOnce(proxy.url, owner, feed.roomId, db, api, plan, check);
      log(`emails: ${JSON.stringify(emails)}`);
      const limits = await rateLimitAcrossInstances(proxy.url, owner.email, BENCH_PASSPHRASE, check);
      log(`rate limit: ${JSON.stringify(limits)}`);

      // Every request went through nginx to one instance or the other, alternately (it retried none).
      const served = await proxy.stop();
      check.expect(
        served.a! > 0 && Math.abs(served.a! - served.b!) <= 1 && served["?"] === 0,
        `nginx did not alternate the instances: a ${served.a} / b ${served.b} / neither or both ${served["?"]}`,
      );
      const figures = { ...emails, ...limits, postsAcross: feed.postsAcross, requestsToA: served.a!, requestsToB: served.b! };
      return check.result(
        `sessions, rate limit (429 at attempt ${limits.signInRefusedAtAttempt}, policy ${limits.policyPoints}), live feed (${feed.postsAcross} posts heard on both) ` +
          `and email (${emails.emailsSent} of ${emails.emailsExpected} sent once, a ${emails.sentByA} / b ${emails.sentByB}) ` +
          `across two instances behind nginx (requests a ${served.a} / b ${served.b})`,
        figures,
      );
    } finally {
      await proxy?.stop();
      await Promise.all(instances.map((instance) => instance.stop()));
      await api.close();
      await db.stop();
    }
  },
};
