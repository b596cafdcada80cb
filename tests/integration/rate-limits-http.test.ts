import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { form, honeypotFields, postForm, rawRequest } from "../support/http-client";
import { latestResetLink, queryRows, resetRequestsHandled, signUpTestUser, tokenOf } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";
import { newUserData, TEST_PASSWORD } from "../support/user-factory";
import { signUpByForm } from "../support/http-accounts";

// A server of its own: the counters start at zero.
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  await server.runtime.container.startWorkers(["reset-requests"]);
});
afterAll(async () => {
  await server?.close();
});

describe("rate limits key on the real client address", () => {
  it("a client-sent X-Forwarded-For does not buy more sign-in attempts (no trusted proxy configured)", async () => {
    const user = await signUpByForm(server.url, { prefix: "limited" });
    const fields = await honeypotFields(server.url, "/auth/signin");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await postForm(
        server.url,
        "/auth/signin",
        { ...fields, email: user.email, password: `wrong password ${attempt}` },
        { "X-Forwarded-For": `10.0.0.${attempt + 1}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    const last = await postForm(server.url, "/auth/signin", { ...fields, email: user.email, password: user.password });
    expect(last.status).toBe(429);
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("holds under concurrency: of 30 simultaneous wrong guesses from one address, exactly 10 are checked, the rest refused", async () => {
    // The test above left this address blocked: start from clean counters, as a new address would.
    await queryRows(server.runtime, "delete from rate_limits");
    const { email } = await signUpByForm(server.url, { prefix: "concurrent" });
    const fields = await honeypotFields(server.url, "/auth/signin");
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => postForm(server.url, "/auth/signin", { ...fields, email, password: `a wrong guess ${i}` })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });
});

/** The honeypot fields of a form's page, read once per page (they stay valid). */
const honeypots = new Map<string, Promise<Record<string, string>>>();
function honeypotOf(path: string) {
  const page = path.split("?")[0]!;
  if (!honeypots.has(page)) honeypots.set(page, honeypotFields(server.url, path));
  return honeypots.get(page)!;
}

/** A client at its own address (127.0.0.x), as the server sees it. */
function client(localAddress: string) {
  return {
    async form(path: string, fields: Record<string, string>) {
      const body = form({ ...(await honeypotOf(path)), ...fields });
      return rawRequest(`${server.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
        body,
        localAddress,
      });
    },
    json: (path: string, body: unknown) =>
      rawRequest(`${server.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        localAddress,
      }),
  };
}

const signIn = (localAddress: string, email: string, password: string) => client(localAddress).form("/auth/signin", { email, password });
const count = async (sql: string, replacements: Record<string, unknown> = {}) =>
  Number((await queryRows(server.runtime, sql, replacements))[0]!.n);
/** Emails queued to the address, once the reset requests sent so far are handled. */
const emailsTo = async (email: string, kind: string) => {
  await resetRequestsHandled(server.runtime);
  return count("select count(*)::int as n from email_outbox where to_email = :email and kind = :kind", { email, kind });
};

/**
 * SECURITY 12. Failed sign-ins count per IP (10 a minute), per (account, IP) (10 an hour) and per
 * account (100 an hour from unknown addresses), each only when the one before let the attempt
 * through (server/services/rate-limits.ts). So one attacker address, refused by its own limit,
 * adds nothing more to the victim's counters and cannot keep the victim out.
 */
describe("SECURITY 12: sign-in throttling", () => {
  it("a good sign-in of one's own account does not reset the address's failures: 9 wrong guesses, 1 good sign-in, repeated, is stopped at 10", async () => {
    await queryRows(server.runtime, "delete from rate_limits");
    const attacker = await signUpTestUser(server.runtime, { prefix: "attacker" });
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      // A new victim each round, so only the address's own counter can stop the spray.
      const victim = await signUpTestUser(server.runtime, { prefix: `victim${round}` });
      for (let i = 0; i < 9; i++) statuses.push((await signIn("127.0.0.50", victim.email, `guess ${round} ${i} wrong`)).status);
      await signIn("127.0.0.50", attacker.email, TEST_PASSWORD);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });

  it("one address hammering an account cannot keep its owner out: 150 wrong guesses from one address, then the owner signs in from theirs", async () => {
    await queryRows(server.runtime, "delete from rate_limits");
    const victim = await signUpTestUser(server.runtime, { prefix: "hammered" });
    const statuses: number[] = [];
    for (let i = 0; i < 150; i++) statuses.push((await signIn("127.0.0.51", victim.email, `hammer ${i} wrong`)).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    const owner = await signIn("127.0.0.52", victim.email, TEST_PASSWORD);
    expect(owner.status).toBe(302);
  }, 120_000);

  it("at most 100 failures an hour on one account from many addresses (ASVS 4 2.2.1): the 101st gets 429 with Retry-After; the owner's own address and a reset still let the owner in", async () => {
    await queryRows(server.runtime, "delete from rate_limits");
    const victim = await signUpTestUser(server.runtime, { prefix: "spread" });
    expect((await signIn("127.0.1.1", victim.email, TEST_PASSWORD)).status).toBe(302); // the owner's usual address
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, address) => {
        for (let i = 0; i < 5; i++)
          statuses.push((await signIn(`127.0.2.${address + 1}`, victim.email, `spread ${address} ${i} wrong`)).status);
      }),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(100);
    const refused = await signIn("127.0.3.1", victim.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await signIn("127.0.1.1", victim.email, TEST_PASSWORD)).status).toBe(302);

    // A reset lifts the account's lockout for every address.
    expect((await client("127.0.3.2").form("/auth/reset-password", { email: victim.email })).status).toBe(200);
    const token = tokenOf(await latestResetLink(server.runtime, victim.email));
    const password = "a fresh passphrase after the reset";
    const reset = await client("127.0.3.2").form(`/auth/reset-password-form?token=${token}`, {
      token,
      password,
      confirmPassword: password,
    });
    expect(reset.status).toBe(302);
    expect((await signIn("127.0.3.1", victim.email, password)).status).toBe(302);
  }, 120_000);
});

/**
 * SECURITY 13. Every endpoint that sends email is limited per address and per IP. Forgot password
 * (anonymous) gives its usual answer over a limit and sends nothing; sign-up (which says when an
 * address is taken, item 11 not adopted) and invitations (tests/integration/email-limits-http.test.ts)
 * answer 429 with Retry-After and send nothing.
 */
describe("SECURITY 13: endpoints that send email", { timeout: 60_000 }, () => {
  const CHECK_EMAIL = "If an account exists for";

  it("forgot password: at most 5 emails an hour to one address; the 6th request gets the same answer and sends nothing (page and API)", async () => {
    await queryRows(server.runtime, "delete from rate_limits");
    const person = await signUpTestUser(server.runtime, { prefix: "forgetful" });
    for (let i = 0; i < 5; i++) {
      const response = await client(`127.0.4.${i + 1}`).form("/auth/reset-password", { email: person.email });
      expect(response.status).toBe(200);
      expect(response.body).toContain(CHECK_EMAIL);
    }
    expect(await emailsTo(person.email, "password-reset")).toBe(5);
    const page = await client("127.0.4.10").form("/auth/reset-password", { email: person.email });
    expect(page.status).toBe(200);
    expect(page.body).toContain(CHECK_EMAIL);
    const api = await client("127.0.4.11").json("/api/auth/reset-password", { email: person.email });
    const usual = await client("127.0.4.12").json("/api/auth/reset-password", { email: "nobody.at.all@example.test" });
    expect([api.status, api.body]).toEqual([usual.status, usual.body]);
    expect(await emailsTo(person.email, "password-reset")).toBe(5);
  });

  it("forgot password: at most 10 requests an hour from one IP; the 11th gets the same answer and sends nothing", async () => {
    await queryRows(server.runtime, "delete from rate_limits");
    const people = await Promise.all(Array.from({ length: 11 }, () => signUpTestUser(server.runtime, { prefix: "many" })));
    const answers = [];
    for (const person of people) answers.push(await client("127.0.5.1").form("/auth/reset-password", { email: person.email }));
    expect(answers.map((a) => a.status)).toEqual(Array(11).fill(200));
    expect(answers.every((a) => a.body.includes(CHECK_EMAIL))).toBe(true);
    expect(await emailsTo(people[9]!.email, "password-reset")).toBe(1);
    expect(await emailsTo(people[10]!.email, "password-reset")).toBe(0);
  });

  it("sign-up: at most 10 accounts an hour from one IP; the 11th gets 429 with Retry-After, and no account or email is made", async () => {
    await queryRows(server.runtime, "delete from rate_limits");
    const people = Array.from({ length: 11 }, () => newUserData({ prefix: "burst" }));
    const signUp = (i: number) => client("127.0.6.1").form("/auth/signup", { ...people[i]!, confirmPassword: people[i]!.password });
    for (let i = 0; i < 10; i++) expect((await signUp(i)).status).toBe(302);
    const refused = await signUp(10);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    const { email } = people[10]!;
    expect(await count("select count(*)::int as n from users where email = :email", { email })).toBe(0);
    expect(await count("select count(*)::int as n from email_outbox where to_email = :email", { email })).toBe(0);
  });

  it("sign-up: an address gets no email from a second sign-up with it (one account per address)", async () => {
    await queryRows(server.runtime, "delete from rate_limits");
    const person = await signUpTestUser(server.runtime, { prefix: "taken" });
    const before = await count("select count(*)::int as n from email_outbox where to_email = :email", { email: person.email });
    const again = await client("127.0.6.2").form("/auth/signup", {
      ...newUserData({ prefix: "taken_again", email: person.email, name: "Again" }),
      confirmPassword: TEST_PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(await count("select count(*)::int as n from email_outbox where to_email = :email", { email: person.email })).toBe(before);
  });
});
