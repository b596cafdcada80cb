import { freePort, startBenchDatabase, startServerProcess } from "../../bench/bench-server";
import { messagesIn, startFakeEmailApi, type FakeEmailApi } from "../support/fake-email-api";
import { readPages, requestResetByForm, roomOwner, signUpByApi } from "./app-user";
import { describeEmail, tallyEmails, type ExpectedEmail } from "./expected-emails";
import { checks, type Scenario } from "./scenario";
import { heldInTime, waitFor } from "../support/wait-for";

/**
 * The SendGrid and Mailjet APIs go down (first answering 500, then hanging: no answer at all)
 * while people invite others and ask for reset links. The messages must stay queued, retried with
 * back-off, and each arrive exactly once after recovery. Both providers run side by side, each a
 * production server process (the real SDK) with a database of its own, against one fake of both APIs.
 * The sign-ups before the outage each send a verification email: those must arrive exactly once too.
 */

type Api = "sendgrid" | "mailjet";

const PLANS = {
  quick: { failSeconds: 4, hangSeconds: 12, wavesPerPhase: 1, invites: 4, resets: 2, drainSeconds: 60, settleSeconds: 2 },
  full: { failSeconds: 30, hangSeconds: 30, wavesPerPhase: 2, invites: 50, resets: 10, drainSeconds: 360, settleSeconds: 5 },
};

/** pg-boss's schedule for the delivery queue (server/email/outbox.ts: retryDelay 5 s, back-off). */
const RETRY_DELAY_SECONDS = 5;
/** The SDK calls' timeout (server/email/*-provider.ts): how long one hung attempt can take. */
const PROVIDER_TIMEOUT_SECONDS = 10;

function providerEnv(api: Api, fakeUrl: string): Record<string, string> {
  return api === "sendgrid"
    ? { EMAIL_PROVIDER: "sendgrid", SENDGRID_API_KEY: "SG.resilience", SENDGRID_API_URL: fakeUrl }
    : // Mailjet's SDK always speaks https to its host; the proxy setting is how it reaches the fake.
      {
        EMAIL_PROVIDER: "mailjet",
        MAILJET_API_KEY: "mj-resilience-key",
        MAILJET_SECRET_KEY: "mj-resilience-secret",
        EMAIL_HTTP_PROXY: fakeUrl,
      };
}

interface OutboxRow {
  id: string;
  kind: string;
  to_email: string;
  status: string;
  attempts: number;
  last_error: string | null;
  provider: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
};
/** `total` split into `parts` near-equal whole numbers. */
const split = (total: number, parts: number) =>
  Array.from({ length: parts }, (_, i) => Math.floor((total * (i + 1)) / parts) - Math.floor((total * i) / parts));

/** One provider's side: a database, the production server sending through that provider, its users. */
async function startInstance(
  api: Api,
  fake: FakeEmailApi,
  database: Awaited<ReturnType<typeof startBenchDatabase>>,
  resets: number,
  stops: Array<() => Promise<void>>,
) {
  const server = await startServerProcess({
    databaseUrl: database.url,
    port: await freePort(),
    env: { NODE_ENV: "production", ...providerEnv(api, fake.url), TRUST_PROXY: "loopback" },
  });
  stops.push(() => server.stop());
  const owner = await roomOwner(server.url, `${api}_owner`);
  const resetAccounts = Array.from({ length: resets }, (_, i) => ({ email: `reset.${i}@${api}.example.test`, ip: `198.51.100.${i + 1}` }));
  for (const account of resetAccounts) {
    await signUpByApi(server.url, { prefix: `reset_${api}`, email: account.email }, account.ip);
  }
  const expected: ExpectedEmail[] = [owner.email, ...resetAccounts.map((a) => a.email)].map((to) => ({ to, kind: "verify" }));
  const signUpEmails = expected.length;
  let invited = 0;
  let resetsAsked = 0;

  return {
    api,
    server,
    expected,
    signUpEmails,
    owner,
    /** People invited in batches of 5 (the JSON API), and reset links asked for (the form), as users do. */
    async wave(invites: number, resetCount: number) {
      const people = Array.from({ length: invites }, () => {
        invited += 1;
        return { email: `guest.${invited}@${api}.example.test`, name: `Guest ${invited}` };
      });
      for (let i = 0; i < people.length; i += 5) {
        const batch = people.slice(i, i + 5);
        await owner.invite(batch);
        expected.push(...batch.map((p) => ({ to: p.email, kind: "invite" as const })));
      }
      for (let i = 0; i < resetCount; i += 1) {
        const account = resetAccounts[resetsAsked++]!;
        await requestResetByForm(server.url, account.email, account.ip);
        expected.push({ to: account.email, kind: "reset" });
      }
    },
    async outbox(): Promise<OutboxRow[]> {
      return (await database.sql("select id, kind, to_email, status, attempts, last_error, provider from email_outbox"))
        .rows as OutboxRow[];
    },
    /** The back-off pg-boss has scheduled for each job waiting to be retried, keyed by job and retry number. */
    async scheduledRetries(): Promise<Array<{ key: string; retryCount: number; seconds: number }>> {
      const { rows } = await database.sql(
        `select id, retry_count, extract(epoch from start_after - started_on)::float8 as seconds
           from pgboss.job where name = 'email-delivery' and state = 'retry'`,
      );
      return (rows as Array<{ id: string; retry_count: number; seconds: number }>).map((r) => ({
        key: `${api}:${r.id}:${r.retry_count}`,
        retryCount: r.retry_count,
        seconds: r.seconds,
      }));
    },
  };
}

const OUTAGE_PHASES = [
  { name: "500", failure: { status: 500 }, lastError: /answered 500/ },
  { name: "hang", failure: "hang" as const, lastError: /timeout/i },
];

export const emailProviderDown: Scenario = {
  name: "email-provider-down",
  async run({ quick, log }) {
    const plan = quick ? PLANS.quick : PLANS.full;
    const check = checks();
    const stops: Array<() => Promise<void>> = [];
    try {
      const fake = await startFakeEmailApi();
      stops.push(() => fake.close());
      // Under vitest the global setup runs the test cluster; restarting it would drop other files' databases.
      const sendgridDb = await startBenchDatabase({ startCluster: !process.env.VITEST });
      stops.push(() => sendgridDb.stop());
      const mailjetDb = await startBenchDatabase({ startCluster: false });
      stops.push(() => mailjetDb.stop());
      // allSettled: a failed start must not leave the other server starting after the cleanup.
      const started = await Promise.allSettled([
        startInstance("sendgrid", fake, sendgridDb, plan.resets, stops),
        startInstance("mailjet", fake, mailjetDb, plan.resets, stops),
      ]);
      const instances = started.map((s) => {
        if (s.status === "rejected") throw s.reason;
        return s.value;
      });
      log(`servers up (SendGrid and Mailjet side by side); outage: ${plan.failSeconds} s of 500s, then ${plan.hangSeconds} s of hanging`);

      const retries = new Map<string, { retryCount: number; seconds: number }>();
      let slowestPageMs = 0;
      let pageProbes = 0;
      /** While the provider is down: the member's pages still answer, and what back-off pg-boss holds. */
      const sample = async () => {
        for (const instance of instances) {
          try {
            slowestPageMs = Math.max(slowestPageMs, await readPages(instance.server.url, instance.owner.cookie, instance.owner.roomId));
            pageProbes += 1;
          } catch (error) {
            check.expect(false, `${instance.api}: a page failed during the outage: ${error instanceof Error ? error.message : error}`);
          }
          for (const retry of await instance.scheduledRetries()) retries.set(retry.key, retry);
        }
      };

      const waves = OUTAGE_PHASES.length * plan.wavesPerPhase;
      const invitesPerWave = split(plan.invites, waves);
      const resetsPerWave = split(plan.resets, waves);
      let wave = 0;
      // The sign-ups' emails, queued before the outage (sent or not yet): the phase checks are about the messages asked for during it.
      const beforeOutage = new Set((await Promise.all(instances.map((i) => i.outbox()))).flat().map((r) => r.id));
      const outageStarted = Date.now();
      for (const phase of OUTAGE_PHASES) {
        fake.goDown(phase.failure);
        const seconds = phase.name === "500" ? plan.failSeconds : plan.hangSeconds;
        const phaseStart = Date.now();
        const phaseEnd = phaseStart + seconds * 1000;
        const dueWaves = Array.from({ length: plan.wavesPerPhase }, (_, w) => phaseStart + (w * seconds * 1000) / plan.wavesPerPhase);
        while (Date.now() < phaseEnd || dueWaves.length) {
          if (dueWaves.length && Date.now() >= dueWaves[0]!) {
            dueWaves.shift();
            const [invites, resets] = [invitesPerWave[wave]!, resetsPerWave[wave]!];
            await Promise.all(instances.map((instance) => instance.wave(invites, resets)));
            wave += 1;
          }
          await sample();
          await sleep(Math.min(1000, Math.max(0, Math.min(phaseEnd, dueWaves[0] ?? phaseEnd) - Date.now())));
        }
        // A hung call gives up after the provider timeout (10 s), which on a loaded machine can fall
        // just after the phase's end: keep the failure on a little longer until a message shows it.
        await heldInTime(
          waitFor(
            async () => {
              for (const instance of instances) {
                const rows = (await instance.outbox()).filter((r) => !beforeOutage.has(r.id));
                if (!rows.some((r) => phase.lastError.test(r.last_error ?? ""))) return false;
              }
              return true;
            },
            { timeout: 15_000, interval: 500 },
          ),
        );
        for (const instance of instances) {
          const rows = (await instance.outbox()).filter((r) => !beforeOutage.has(r.id));
          const asked = instance.expected.length - instance.signUpEmails;
          const tried = rows.filter((r) => r.attempts > 0);
          log(
            `${instance.api} after the ${phase.name} phase: ${rows.length} messages asked for during the outage, ${rows.filter((r) => r.status === "queued").length} queued, ` +
              `${tried.length} tried (${rows.reduce((n, r) => n + r.attempts, 0)} attempts), last errors: ${[...new Set(rows.map((r) => r.last_error).filter(Boolean))].join(" | ")}`,
          );
          check.expect(
            rows.length === asked,
            `${instance.api}: ${rows.length} outbox rows for ${asked} messages asked for during the outage`,
          );
          check.expect(
            rows.every((r) => r.status === "queued"),
            `${instance.api}: every message stays queued through the ${phase.name} phase`,
          );
          check.expect(tried.length > 0, `${instance.api}: messages were tried during the ${phase.name} phase`);
          check.expect(
            rows.some((r) => phase.lastError.test(r.last_error ?? "")),
            `${instance.api}: a message's last error reads ${phase.lastError} after the ${phase.name} phase`,
          );
        }
      }

      fake.recover();
      const recoveredAt = Date.now();
      const outageSeconds = (recoveredAt - outageStarted) / 1000;
      log(`provider recovered after ${outageSeconds.toFixed(1)} s; draining`);
      const drainDeadline = recoveredAt + plan.drainSeconds * 1000;
      for (;;) {
        const rows = (await Promise.all(instances.map((i) => i.outbox()))).flat();
        if (rows.every((r) => r.status !== "queued") || Date.now() > drainDeadline) break;
        for (const instance of instances) for (const retry of await instance.scheduledRetries()) retries.set(retry.key, retry);
        await sleep(1000);
      }
      // Anything sent twice would arrive now.
      await sleep(plan.settleSeconds * 1000);

      const accepted = fake.accepted();
      const lastAccepted = Math.max(...accepted.map((m) => m.at));
      const drainSeconds = (lastAccepted - recoveredAt) / 1000;
      let queued = 0;
      let duplicates = 0;
      let missing = 0;
      let attempts = 0;
      const attemptCounts: number[] = [];
      const gaps: number[][] = [];
      for (const instance of instances) {
        const rows = await instance.outbox();
        queued += rows.length;
        attempts += rows.reduce((n, r) => n + r.attempts, 0);
        const notSent = rows.filter((r) => r.status !== "sent" || r.provider !== instance.api);
        check.expect(
          notSent.length === 0,
          `${instance.api}: every outbox row is sent by ${instance.api} (${notSent.length} not: ${notSent
            .slice(0, 3)
            .map((r) => `${r.to_email} ${r.status} ${r.last_error}`)
            .join("; ")})`,
        );
        check.expect(
          rows.length === instance.expected.length,
          `${instance.api}: ${rows.length} outbox rows for ${instance.expected.length} messages asked for`,
        );

        const mine = accepted.filter((m) => m.api === instance.api);
        const tally = tallyEmails(instance.expected, mine);
        missing += tally.missing.length;
        duplicates += tally.duplicates;
        check.expect(
          tally.unexpected.length === 0,
          `${instance.api}: ${tally.unexpected.length} messages nobody asked for: ${tally.unexpected.slice(0, 3).map(describeEmail).join("; ")}`,
        );
        check.expect(
          mine.length === instance.expected.length,
          `${instance.api}: ${mine.length} messages accepted for ${instance.expected.length} asked for`,
        );

        // Every attempt the outbox counted reached the provider once: the SDKs make one request per send.
        const requests = fake.requests.filter((r) => r.url.endsWith(instance.api === "sendgrid" ? "/v3/mail/send" : "/v3.1/send"));
        check.expect(
          requests.length === rows.reduce((n, r) => n + r.attempts, 0),
          `${instance.api}: ${requests.length} requests reached the provider for ${rows.reduce((n, r) => n + r.attempts, 0)} attempts counted`,
        );
        const byMessage = new Map<string, number[]>();
        for (const request of requests) {
          // An address gets its verification email and its reset link: two messages.
          const message = messagesIn(request)[0];
          const key = message ? `${message.to} ${message.subject}` : "?";
          byMessage.set(key, [...(byMessage.get(key) ?? []), request.at]);
        }
        for (const times of byMessage.values()) {
          attemptCounts.push(times.length);
          times.slice(1).forEach((at, i) => (gaps[i] ??= []).push((at - times[i]!) / 1000));
        }
      }
      check.expect(missing === 0, `${missing} messages never arrived`);
      check.expect(duplicates === 0, `${duplicates} messages arrived more than once`);

      // pg-boss holds retry n (0-based) for 5·2^n to 10·2^n s after the failed attempt ends;
      // `start_after - started_on` adds the attempt itself (up to the SDK's timeout).
      const byRetry = new Map<number, number[]>();
      for (const { retryCount, seconds } of retries.values()) byRetry.set(retryCount, [...(byRetry.get(retryCount) ?? []), seconds]);
      for (const [n, delays] of byRetry) {
        const [low, high] = [RETRY_DELAY_SECONDS * 2 ** n, 2 * RETRY_DELAY_SECONDS * 2 ** n + PROVIDER_TIMEOUT_SECONDS + 1];
        const outside = delays.filter((d) => d < low - 0.5 || d > high);
        check.expect(
          outside.length === 0,
          `retry ${n + 1}: ${outside.length} back-offs outside ${low}–${high} s (${outside
            .slice(0, 5)
            .map((d) => d.toFixed(1))
            .join(", ")})`,
        );
      }
      const retryCounts = [...byRetry.keys()].sort((a, b) => a - b);
      check.expect(retryCounts.length >= (quick ? 1 : 3), `back-off observed for ${retryCounts.length} retry levels`);
      const hung = fake.requests.filter((r) => r.outcome === "hang").length;
      const failed500 = fake.requests.filter((r) => r.outcome === 500).length;
      check.expect(hung > 0, "some attempts hung (and were timed out)");

      const backoff = retryCounts
        .map((n) => {
          const delays = byRetry.get(n)!;
          return `retry ${n + 1}: ${Math.min(...delays).toFixed(1)}–${Math.max(...delays).toFixed(1)} s (${delays.length})`;
        })
        .join(", ");
      log(`scheduled back-off (start_after − started_on, by retry): ${backoff}`);
      log(`median gap between attempts of one message: ${gaps.map((g, i) => `${i + 1}→${i + 2}: ${median(g).toFixed(1)} s`).join(", ")}`);
      const figures = {
        outageSeconds: Math.round(outageSeconds),
        emailsQueued: queued,
        attempts,
        attempts500: failed500,
        attemptsHungAndTimedOut: hung,
        maxAttemptsPerMessage: Math.max(...attemptCounts),
        meanAttemptsPerMessage: Math.round((attempts / Math.max(queued, 1)) * 100) / 100,
        backoff,
        attemptGapMedians: gaps.map((g) => median(g).toFixed(1)).join(" / "),
        drainSecondsAfterRecovery: Math.round(drainSeconds * 10) / 10,
        delivered: accepted.length,
        missing,
        duplicates,
        pageProbes,
        slowestPageMsDuringOutage: slowestPageMs,
      };
      return check.result(
        `${queued} emails (${plan.invites} invites + ${plan.resets} resets per provider, SendGrid and Mailjet, plus ${instances[0]!.signUpEmails} sign-up verifications each) through a ${Math.round(outageSeconds)} s outage ` +
          `(500s, then hanging): ${attempts} attempts (${failed500} answered 500, ${hung} hung and timed out), max ${figures.maxAttemptsPerMessage} per message; ` +
          `drained ${figures.drainSecondsAfterRecovery} s after recovery; ${accepted.length} delivered, ${missing} missing, ${duplicates} doubled; pages 200 throughout (slowest ${slowestPageMs} ms)`,
        figures,
      );
    } finally {
      for (const stop of stops.reverse()) await stop().catch((error) => log(`cleanup: ${error}`));
    }
  },
};
