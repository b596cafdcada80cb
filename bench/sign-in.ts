import os from "node:os";
import autocannon from "autocannon";
import bcrypt from "bcryptjs";
import { honeypotFieldsIn } from "../tests/support/honeypot";
import { BENCH_PASSPHRASE, startBenchDatabase, startServerProcess } from "./bench-server";

/**
 * Sign-in cost: requests/s of successful sign-ins through the real form at the configured bcrypt
 * cost, against the floor bcrypt sets, and whether the sign-in limiter holds when guesses arrive
 * all at once. Clients are told apart by X-Forwarded-For (the server trusts one proxy hop here, as
 * behind a load balancer), so many people signing in are not mistaken for one guessing address.
 */
export interface SignInOptions {
  /**
   * Sign-ins to complete, every one of them counted: a time window would drop the ones still in
   * flight when it closes, and a check at cost 12 on a busy machine can take longer than a short window.
   */
  signIns: number;
  connections: number;
  accounts: number;
  /** Simultaneous wrong guesses for the limiter check. */
  guesses: number;
}

export const FULL_SIGN_IN: SignInOptions = { signIns: 100, connections: 8, accounts: 200, guesses: 50 };
export const SMOKE_SIGN_IN: SignInOptions = { signIns: 4, connections: 2, accounts: 5, guesses: 15 };

/** The cost production uses unless BCRYPT_COST says otherwise (server/config.ts). */
const CONFIGURED_COST = Number(process.env.BCRYPT_COST ?? 12);
const SIGN_IN_FAILURES_PER_IP = 10;

async function honeypotFields(url: string): Promise<Record<string, string>> {
  const fields = honeypotFieldsIn(await (await fetch(`${url}/auth/signin`)).text());
  if (!fields.from__confirm) throw new Error("the sign-in page has no honeypot fields");
  return fields;
}

export async function benchSignIn(options: SignInOptions, context = { startCluster: true, port: 3230 }) {
  const db = await startBenchDatabase({ startCluster: context.startCluster });
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  try {
    const hash = await bcrypt.hash(BENCH_PASSPHRASE, CONFIGURED_COST);
    await db.sql(
      `insert into users (username, email, name, password_hash)
       select 'signin_' || g, 'signin.' || g || '@example.test', 'Sign-in ' || g, $1 from generate_series(1, $2::int) g`,
      [hash, options.accounts],
    );
    server = await startServerProcess({
      databaseUrl: db.url,
      port: context.port,
      env: { BCRYPT_COST: String(CONFIGURED_COST), TRUST_PROXY: "1" },
    });
    const { url } = server;
    const fields = await honeypotFields(url);
    const form = (email: string, password: string) => new URLSearchParams({ ...fields, email, password }).toString();
    const headers = (client: number) => ({
      "content-type": "application/x-www-form-urlencoded",
      origin: url,
      "x-forwarded-for": `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`,
    });

    // One check on this process, for the floor: the server checks passwords on one worker thread per
    // core, so at best it signs in cores / (time per check) people a second.
    const started = performance.now();
    await bcrypt.compare(BENCH_PASSPHRASE, hash);
    const compareMs = performance.now() - started;

    let next = 0;
    const result = await autocannon({
      url: `${url}/auth/signin`,
      connections: options.connections,
      amount: options.signIns,
      requests: [
        {
          method: "POST",
          setupRequest: (request) => {
            const n = next++;
            return { ...request, headers: headers(n), body: form(`signin.${(n % options.accounts) + 1}@example.test`, BENCH_PASSPHRASE) };
          },
        },
      ],
    });
    const signedIn = result["3xx"];
    const failed = result.requests.total - signedIn;

    // The limiter: this many wrong guesses for one account from one address, all at once.
    const guessHeaders = headers(1 << 20);
    const statuses = await Promise.all(
      Array.from({ length: options.guesses }, (_, i) =>
        fetch(`${url}/auth/signin`, {
          method: "POST",
          redirect: "manual",
          headers: guessHeaders,
          body: form("signin.1@example.test", `wrong guess ${i}`),
        }).then((r) => r.status),
      ),
    );
    const checked = statuses.filter((s) => s === 401).length;
    const refused = statuses.filter((s) => s === 429).length;

    return {
      throughput: {
        "bcrypt cost": CONFIGURED_COST,
        "ms per password check": Math.round(compareMs),
        cores: os.availableParallelism(),
        "bcrypt's ceiling: sign-ins/s": Number(((1000 * os.availableParallelism()) / compareMs).toFixed(1)),
        "signed in": signedIn,
        "sign-ins/s measured": Number((signedIn / result.duration).toFixed(1)),
        "p50 ms": result.latency.p50,
        "p99 ms": result.latency.p99,
        errors: failed + result.errors + result.timeouts,
      },
      limiter: {
        "simultaneous wrong guesses": options.guesses,
        "passwords checked": checked,
        refused,
        other: options.guesses - checked - refused,
        "holds (checked ≤ limit)": checked <= SIGN_IN_FAILURES_PER_IP && checked + refused === options.guesses,
      },
    };
  } finally {
    await server?.stop();
    await db.stop();
  }
}
