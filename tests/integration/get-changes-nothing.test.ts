import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { honeypotFields, postForm, rawRequest } from "../support/http-client";
import { resetRequestsHandled } from "../support/test-runtime";
import { signUpByForm } from "../support/http-accounts";
import { startTestServer } from "../support/test-server";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  await server.runtime.container.startWorkers(["reset-requests"]);
});
afterAll(async () => {
  await server?.close();
});

/**
 * A fingerprint of every application table. Sessions leave out `expires_at`: a GET may slide a
 * session's expiry forward (its renewal window), which is bookkeeping, not a change of state.
 * Participants leave out their read point: opening a room's newest page records what its member
 * has seen (issue 15), which only that member's own reading moves, and only forwards.
 */
async function snapshot() {
  const tables: Record<string, string> = {
    users: "select * from users order by id",
    sessions: "select id, user_id, created_at, revoked_at from sessions order by id",
    password_reset_tokens: "select * from password_reset_tokens order by id",
    email_verification_tokens: "select * from email_verification_tokens order by id",
    rooms: "select * from rooms order by id",
    room_participants: "select to_jsonb(p) - 'last_read_at' - 'last_read_post_id' from room_participants p order by id",
    posts: "select * from posts order by id",
    invites: "select * from invites order by id",
    email_outbox: "select * from email_outbox order by id",
    dev_mailbox_messages: "select * from dev_mailbox_messages order by id",
    rate_limits: "select * from rate_limits order by key",
  };
  const result: Record<string, string> = {};
  for (const [name, query] of Object.entries(tables)) {
    const [rows] = await server.runtime.sequelize.query(
      `select md5(coalesce(string_agg(t::text, '|'), '')) as hash, count(*)::int as n from (${query}) t`,
    );
    const row = (rows as Array<{ hash: string; n: number }>)[0]!;
    result[name] = `${row.n}:${row.hash}`;
  }
  return result;
}

describe("GET requests", () => {
  it("change nothing in the database, signed in or not, on every page", async () => {
    const { email, cookie } = await signUpByForm(server.url, { prefix: "crawler", name: "Crawler" });
    const created = await postForm(server.url, "/home/new", { name: "Crawled room" }, { Cookie: cookie });
    const roomPath = created.headers.location!;
    await postForm(server.url, roomPath, { intent: "post", message: "hello" }, { Cookie: cookie });
    await postForm(
      server.url,
      `${roomPath}/members/new`,
      { "rows[0].email": "guest@example.test", "rows[0].name": "Guest" },
      { Cookie: cookie },
    );
    await postForm(server.url, "/auth/reset-password", { ...(await honeypotFields(server.url, "/auth/reset-password")), email });
    await resetRequestsHandled(server.runtime);

    // A real, unspent verification link: opening it must not spend it (mail scanners open links).
    const [verification] = await server.runtime.sequelize.query(
      "select text_body from email_outbox where to_email = :email and kind = 'email-verify'",
      { replacements: { email } },
    );
    const verifyPath = /\/auth\/verify-email\?token=[\w-]+/.exec(String((verification as Array<{ text_body: string }>)[0]!.text_body))![0];

    const before = await snapshot();
    for (const table of ["users", "sessions", "email_verification_tokens", "rooms", "posts", "invites", "email_outbox"]) {
      expect(Number(before[table]!.split(":")[0]), `${table} has rows to protect`).toBeGreaterThan(0);
    }
    const pages = [
      "/",
      "/auth/signin",
      "/auth/signup",
      "/auth/reset-password",
      "/auth/reset-password-form?token=abcdefghijklmnopqrstuvwxyz",
      verifyPath,
      "/auth/verify-email?token=abcdefghijklmnopqrstuvwxyz",
      "/auth/resend-verification",
      "/auth/signout",
      "/home",
      "/home?q=crawl",
      "/home/new",
      "/invites",
      "/profile",
      "/dev/mail",
      roomPath,
      `${roomPath}?members=open`,
      `${roomPath}/settings`,
      `${roomPath}/members/new`,
      "/no-such-page",
    ];
    for (const path of pages) {
      for (const headers of [{}, { Cookie: cookie }] as Array<Record<string, string>>) {
        const response = await rawRequest(`${server.url}${path}`, { headers });
        expect(response.status, `GET ${path}`).toBeLessThan(500);
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});
