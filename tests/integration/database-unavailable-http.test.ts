import pg from "pg";
import { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { embeddedDatabaseUrl } from "../../server/db/embedded-postgres";
import { createSequelize } from "../../server/db/sequelize";
import { isDomainError } from "../../server/errors";
import { createLogger } from "../../server/logger";
import { signUpByForm } from "../support/http-accounts";
import { honeypotFields, postForm, rawRequest } from "../support/http-client";
import { TEST_PG_PORT } from "../support/test-cluster";
import { queryRows, resetRequestsHandled, signUpTestUser } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";
import { newUserData, TEST_PASSWORD } from "../support/user-factory";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: pg.Client;
let databaseName: string;

/** Everything the app logs, and everything it writes to the console. */
const logged: string[] = [];
const logSink = new Writable({
  write(chunk, _encoding, done) {
    logged.push(String(chunk));
    done();
  },
});

beforeAll(async () => {
  server = await startTestServer({ logger: createLogger("info", logSink) });
  databaseName = new URL(server.runtime.databaseUrl).pathname.slice(1);
  admin = new pg.Client({ connectionString: embeddedDatabaseUrl(TEST_PG_PORT, "postgres") });
  await admin.connect();
});
afterAll(async () => {
  await admin?.query(`alter database "${databaseName}" allow_connections true`).catch(() => undefined);
  await admin?.end();
  await server?.close().catch(() => undefined);
});

/** The database goes away for this app: open connections are ended, new ones refused. */
async function takeDatabaseAway() {
  await admin.query(`alter database "${databaseName}" allow_connections false`);
  await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [databaseName]);
}

it("an unreachable database is the domain's UnavailableError, within seconds", async () => {
  const sequelize = createSequelize("postgres://postgres:postgres@127.0.0.1:9/nowhere");
  const started = Date.now();
  const error = await sequelize.query("select 1").catch((e: unknown) => e);
  await sequelize.close();
  expect(isDomainError(error, "unavailable")).toBe(true);
  expect((error as Error).message).toMatch(/database is not answering/);
  expect(Date.now() - started).toBeLessThan(3000);
});

it("while the database is away, pages answer a readable 503 page (not a 500, not a hang), and the same session works once it is back", async () => {
  const member = { Cookie: (await signUpByForm(server.url, { prefix: "away", name: "Ada Away" })).cookie };
  expect((await rawRequest(`${server.url}/home`, { headers: member })).status).toBe(200);

  await takeDatabaseAway();
  const started = Date.now();
  const page = await rawRequest(`${server.url}/home`, { headers: member });
  expect(Date.now() - started).toBeLessThan(3000);
  expect(page.status).toBe(503);
  expect(page.headers["content-type"]).toMatch(/^text\/html/);
  expect(page.headers["retry-after"]).toBeDefined();
  expect(page.body).toMatch(/<h1[^>]*>Parley is briefly unavailable<\/h1>/);
  expect(page.body).toMatch(/try again in a moment/);
  expect(page.body).not.toMatch(/Sequelize|ECONNREFUSED|node_modules/);

  // The same for a client-side navigation's data request, and for the JSON API.
  const data = await rawRequest(`${server.url}/home?_data=routes%2Fhome`, { headers: member });
  expect(data.status).toBe(503);
  expect(data.headers["retry-after"]).toBeDefined();
  const api = await rawRequest(`${server.url}/api/rooms`, { headers: member });
  expect(api.status).toBe(503);
  expect(JSON.parse(api.body)).toMatchObject({ code: "unavailable" });
  expect((await rawRequest(`${server.url}/healthz`)).status).toBe(503);

  await admin.query(`alter database "${databaseName}" allow_connections true`);
  expect((await rawRequest(`${server.url}/home`, { headers: member })).status).toBe(200);
});

it("while the database is away, sign-in, sign-up and both reset steps answer 503 with Retry-After within 2 s, as a page and over the API, and nothing logs a stack", async () => {
  const password = TEST_PASSWORD;
  const [newcomer, apiNewcomer] = [newUserData({ prefix: "away" }), newUserData({ prefix: "away_api" })];
  const honeypots = {
    signin: await honeypotFields(server.url, "/auth/signin"),
    signup: await honeypotFields(server.url, "/auth/signup"),
    reset: await honeypotFields(server.url, "/auth/reset-password"),
  };
  const token = "A".repeat(43);
  const forms: Array<[string, Record<string, string>]> = [
    ["/auth/signin", { ...honeypots.signin, email: "nobody@example.test", password }],
    ["/auth/signup", { ...honeypots.signup, ...newcomer, confirmPassword: newcomer.password }],
    ["/auth/reset-password", { ...honeypots.reset, email: "nobody@example.test" }],
    [`/auth/reset-password-form?token=${token}`, { token, password, confirmPassword: password }],
  ];
  const apiCalls: Array<[string, Record<string, string>]> = [
    ["/api/auth/signin", { email: "nobody@example.test", password }],
    ["/api/auth/signup", { ...apiNewcomer, confirm_password: apiNewcomer.password }],
    ["/api/auth/reset-password", { email: "nobody@example.test" }],
    ["/api/auth/reset-password/confirm", { token, new_password: password }],
  ];
  const consoleOutput = [vi.spyOn(console, "error"), vi.spyOn(console, "warn"), vi.spyOn(console, "log")];

  await takeDatabaseAway();
  try {
    for (const [path, fields] of forms) {
      const started = Date.now();
      const page = await postForm(server.url, path, fields);
      expect(Date.now() - started, path).toBeLessThan(2000);
      expect(page.status, `${path}: ${page.body.slice(0, 200)}`).toBe(503);
      expect(page.headers["retry-after"], path).toBeDefined();
      expect(page.body, path).toMatch(/briefly unavailable|try again in a moment/i);
    }
    for (const [path, body] of apiCalls) {
      const started = Date.now();
      const response = await rawRequest(`${server.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(Date.now() - started, path).toBeLessThan(2000);
      expect(response.status, `${path}: ${response.body.slice(0, 200)}`).toBe(503);
      expect(response.headers["retry-after"], path).toBeDefined();
      expect(JSON.parse(response.body), path).toMatchObject({ code: "unavailable" });
    }
  } finally {
    await admin.query(`alter database "${databaseName}" allow_connections true`);
  }
  const printed = consoleOutput.flatMap((spy) =>
    spy.mock.calls.map((call) => call.map((part) => (part instanceof Error ? part.stack : String(part))).join(" ")),
  );
  for (const spy of consoleOutput) spy.mockRestore();
  // A stack frame, printed or inside a JSON log line (where its newline is written `\n`).
  const STACK_FRAME = /(\n|\\n)\s+at \S/;
  for (const line of [...printed, ...logged]) expect(line.slice(0, 2000)).not.toMatch(STACK_FRAME);
});

it("while the database is away, a signed-in member's form actions and API writes answer 503 with Retry-After within 2 s", async () => {
  const member = await signUpByForm(server.url, { prefix: "awaywrite", name: "Wes Writer" });
  const created = await postForm(server.url, "/home/new", { name: "Before the outage", description: "" }, { Cookie: member.cookie });
  expect(created.status).toBe(302);
  const roomPath = String(created.headers.location).replace(/[?#].*$/, "");

  await takeDatabaseAway();
  try {
    const forms: Array<[string, Record<string, string>]> = [
      ["/home/new", { name: "During the outage", description: "" }],
      [roomPath, { intent: "post", message: "Hello while away" }],
      ["/profile", { intent: "profile", name: "Renamed While Away", username: member.username }],
    ];
    for (const [path, fields] of forms) {
      const started = Date.now();
      const page = await postForm(server.url, path, fields, { Cookie: member.cookie });
      expect(Date.now() - started, path).toBeLessThan(2000);
      expect(page.status, `${path}: ${page.body.slice(0, 200)}`).toBe(503);
      expect(page.headers["retry-after"], path).toBeDefined();
    }
    const started = Date.now();
    const api = await rawRequest(`${server.url}/api/rooms`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: member.cookie, Origin: server.url },
      body: JSON.stringify({ room_name: "During the outage" }),
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(api.status, api.body.slice(0, 200)).toBe(503);
    expect(api.headers["retry-after"]).toBeDefined();
    expect(JSON.parse(api.body)).toMatchObject({ code: "unavailable" });
  } finally {
    await admin.query(`alter database "${databaseName}" allow_connections true`);
  }
});

/** Connections the app began during an outage may still fail their first callers: try again. */
const onceReconnected = <T>(work: () => Promise<T>) => vi.waitFor(work, { timeout: 5_000, interval: 200 });

it("while the database is away, the job queue logs each error as one line without stack frames, and its workers resume once it is back", async () => {
  await server.runtime.container.startWorkers();
  const before = await onceReconnected(() => signUpTestUser(server.runtime, { prefix: "before" }));
  await server.runtime.container.services.passwordReset.requestReset(before.email, { ip: "198.51.100.76" });
  await resetRequestsHandled(server.runtime); // the queue's pool now holds open connections
  const from = logged.length;
  const queueErrors = () => logged.slice(from).filter((line) => line.includes('"msg":"job queue error"'));
  await takeDatabaseAway();
  try {
    await vi.waitFor(
      () => {
        if (queueErrors().length === 0) throw new Error("the job queue has not noticed the database going away");
      },
      { timeout: 10_000, interval: 100 },
    );
  } finally {
    await admin.query(`alter database "${databaseName}" allow_connections true`);
  }
  for (const line of queueErrors()) {
    expect(line.trimEnd().split("\n")).toHaveLength(1);
    expect(line).not.toMatch(/(\n|\\n)\s+at \S/);
    expect(JSON.parse(line)).toMatchObject({ level: 50, err: { message: expect.any(String) } });
  }

  const after = await onceReconnected(() => signUpTestUser(server.runtime, { prefix: "after" }));
  await server.runtime.container.services.passwordReset.requestReset(after.email, { ip: "198.51.100.77" });
  await resetRequestsHandled(server.runtime);
  // Delivered (and its body purged) or not yet: the row is there either way.
  expect(
    await queryRows(server.runtime, "select 1 from email_outbox where to_email = :email and kind = 'password-reset'", {
      email: after.email,
    }),
  ).toHaveLength(1);
});
