import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { honeypotFieldsIn } from "../tests/support/honeypot";
import { createTestDatabase, startTestCluster } from "../tests/support/test-cluster";
import { newUserData } from "../tests/support/user-factory";

/**
 * What the HTTP benchmarks run against: a migrated database of their own on the embedded
 * PostgreSQL, and the production build of the server in a process of its own (so the load
 * generator never shares its event loop).
 */
export async function startBenchDatabase(options: { startCluster: boolean }) {
  // Under vitest (the smoke run) the test cluster is already up, and restarting it would drop the other files' databases.
  const cluster = options.startCluster ? await startTestCluster() : undefined;
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  // A cluster stopped under the benchmark (another run's) fails the run, not the process.
  client.on("error", (error) => console.error(`benchmark database connection lost: ${error.message}`));
  await client.connect();
  return {
    url: database.url,
    sql: (text: string, values: unknown[] = []) => client.query(text, values),
    async stop() {
      await client.end();
      await database.drop();
      await cluster?.stop();
    },
  };
}

/**
 * The server's environment for benchmarks: production mode (React's production build, as users
 * get it), with an email provider that would send nowhere (the benchmarks send no email).
 */
export function benchServerEnv(options: {
  databaseUrl: string;
  port: number;
  logLevel?: string;
  env?: Record<string, string | undefined>;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(options.port),
    HOST: "127.0.0.1",
    APP_URL: `http://127.0.0.1:${options.port}`,
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: ".data/bench",
    LOG_LEVEL: options.logLevel ?? "warn",
    BCRYPT_COST: "10",
    EMAIL_PROVIDER: "sendgrid",
    SENDGRID_API_KEY: "SG.benchmark-sends-nothing",
    SENDGRID_API_URL: "http://127.0.0.1:9",
    JWT_SECRET: "bench-jwt-secret-0123456789abcdef0123456789",
    SESSION_SECRET: "bench-session-secret-0123456789abcdef012345",
    ...options.env,
  };
}

/**
 * The production build in a process of its own, resolved once `/healthz` answers 200. `env`
 * overrides the benchmark environment (another email provider, LiveKit, APP_URL behind a proxy).
 */
export async function startServerProcess(options: {
  databaseUrl: string;
  port: number;
  env?: Record<string, string | undefined>;
  logLevel?: string;
}) {
  const url = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, [path.resolve("build/server/main.js")], {
    env: benchServerEnv(options),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the server did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    /** SIGTERM (a graceful shutdown); SIGKILL if it has not exited within `graceMs` (a server whose event loop is stuck never would). */
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The password of everyone the benchmarks sign up or seed. */
export const BENCH_PASSPHRASE = "a benchmark passphrase";

/** Signs up a new person (the tests' user factory; `id` names them) through the real form; returns the session cookie. */
export async function signUpForCookie(url: string, id: string) {
  const page = await fetch(`${url}/auth/signup`);
  const person = newUserData({ prefix: `bench_${id}`, name: "Bench Owner", password: BENCH_PASSPHRASE });
  const response = await fetch(`${url}/auth/signup`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ ...person, confirmPassword: person.password, ...honeypotFieldsIn(await page.text()) }),
  });
  // `__Host-parley_session` in production mode.
  const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?parley_session=/.test(c));
  if (!cookie) throw new Error(`sign-up failed: ${response.status}`);
  return { cookie: cookie.split(";")[0]!, email: person.email };
}
