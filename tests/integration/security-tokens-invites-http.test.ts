import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInByForm, signUpByForm, type FormAccount } from "../support/http-accounts";
import { honeypotFields, postForm, rawRequest } from "../support/http-client";
import { DAY } from "../support/test-clock";
import { TEST_LIVEKIT_ENV } from "../support/test-livekit";
import { latestResetLink, tokenOf } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";

// SECURITY.md items 27 (link tokens: strength, stored hashed) and 34 (invitations follow 27–32).
let server: Awaited<ReturnType<typeof startTestServer>>;
let sequence = 0;

beforeAll(async () => {
  server = await startTestServer({ env: { ...TEST_LIVEKIT_ENV, TRUST_PROXY: "loopback" } });
  await server.runtime.container.startWorkers(["reset-requests"]);
});
afterAll(async () => {
  await server?.close();
});

async function sql(text: string, replacements: Record<string, unknown> = {}) {
  const [rows] = await server.runtime.sequelize.query(text, { replacements });
  return rows as Array<Record<string, unknown>>;
}

/** The token in the newest email of this kind to this address (the outbox is written in the same transaction). */
async function emailedToken(email: string, kind: "password-reset" | "room-invite") {
  const [row] = await sql("select text_body from email_outbox where to_email = :email and kind = :kind order by created_at desc limit 1", {
    email,
    kind,
  });
  const link = /https?:\/\/\S+[?&]token=([\w-]+)/.exec(String(row?.text_body));
  expect(link, `an email of kind ${kind} to ${email}`).toBeTruthy();
  return { link: link![0], token: link![1]! };
}

const sha256hex = (value: string) => createHash("sha256").update(value, "utf8").digest("hex");

/** Every row of every table but the email queues (whose bodies carry the link to be sent), as text. */
async function tablesHolding(value: string) {
  const tables = await sql(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('email_outbox', 'dev_mailbox_messages')",
  );
  expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["password_reset_tokens", "invites", "sessions", "users"]));
  const holding: string[] = [];
  for (const { table_name: table } of tables) {
    const quoted = `"${String(table).replace(/"/g, '""')}"`;
    const rows = await sql(`select row_to_json(t)::text as row from ${quoted} t where strpos(row_to_json(t)::text, :value) > 0`, { value });
    if (rows.length) holding.push(String(table));
  }
  return holding;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Bits the token can carry: 4 a character if it only uses hex digits, 6 for base64url; a UUID carries 122 at most. */
function expectStrongToken(token: string) {
  expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(token).not.toMatch(UUID);
  const bitsPerCharacter = /^[0-9a-f]+$/i.test(token) ? 4 : 6;
  expect(token.length * bitsPerCharacter).toBeGreaterThanOrEqual(128);
}

async function createRoom(owner: FormAccount, name: string) {
  const response = await postForm(server.url, "/home/new", { name, description: "" }, { Cookie: owner.cookie });
  expect(response.status, response.body.slice(0, 300)).toBe(302);
  const roomId = /^\/room\/([0-9a-f-]{36})/.exec(String(response.headers.location))?.[1];
  expect(roomId).toBeTruthy();
  return roomId!;
}

async function invite(owner: FormAccount, roomId: string, email: string, headers: Record<string, string> = {}) {
  const response = await postForm(
    server.url,
    `/room/${roomId}/members/new`,
    { "rows[0].email": email, "rows[0].name": "Invited Person" },
    { Cookie: owner.cookie, ...headers },
  );
  expect(response.status, response.body.slice(0, 300)).toBe(302);
  return emailedToken(email, "room-invite");
}

const joinPage = (roomId: string, token: string, cookie?: string) =>
  rawRequest(`${server.url}/room/${roomId}/join?token=${encodeURIComponent(token)}`, { headers: cookie ? { Cookie: cookie } : {} });
const acceptByLink = (roomId: string, token: string, cookie?: string) =>
  postForm(server.url, `/room/${roomId}/join`, { intent: "accept", token }, cookie ? { Cookie: cookie } : {});
const memberRows = (roomId: string, email: string) =>
  sql("select user_id from room_participants where room_id = :roomId and email = :email and user_id is not null", { roomId, email });
const isMember = async (roomId: string, cookie: string) =>
  (await rawRequest(`${server.url}/room/${roomId}`, { headers: { Cookie: cookie } })).status === 200;

async function roomsAndInvitee() {
  const owner = await signUpByForm(server.url, { name: "Olga Owner" });
  const invitee = await signUpByForm(server.url, { name: "Ivan Invitee" });
  const roomA = await createRoom(owner, `Room A ${sequence++}`);
  const roomB = await createRoom(owner, `Room B ${sequence++}`);
  const { token } = await invite(owner, roomA, invitee.email);
  return { owner, invitee, roomA, roomB, token };
}

describe("item 27: reset and invite tokens", () => {
  it("a reset token has at least 128 random bits, and the database holds only its SHA-256", async () => {
    const user = await signUpByForm(server.url);
    const response = await postForm(server.url, "/auth/reset-password", {
      ...(await honeypotFields(server.url, "/auth/reset-password")),
      email: user.email,
    });
    expect(response.status).toBe(200);
    const token = tokenOf(await latestResetLink(server.runtime, user.email));
    expectStrongToken(token);
    expect(await tablesHolding(token)).toEqual([]);
    const rows = await sql("select t.token_hash from password_reset_tokens t join users u on u.id = t.user_id where u.email = :email", {
      email: user.email,
    });
    expect(rows.map((r) => String(r.token_hash).trim())).toEqual([sha256hex(token)]);
  });

  it("an invite token has at least 128 random bits, and the database holds only its SHA-256", async () => {
    const { roomA, invitee, token } = await roomsAndInvitee();
    expectStrongToken(token);
    expect(await tablesHolding(token)).toEqual([]);
    const rows = await sql("select token_hash from invites where room_id = :roomA and invitee_email = :email", {
      roomA,
      email: invitee.email,
    });
    expect(rows.map((r) => String(r.token_hash).trim())).toEqual([sha256hex(token)]);
  });

  it("two tokens are never alike", async () => {
    const user = await signUpByForm(server.url);
    const fields = await honeypotFields(server.url, "/auth/reset-password");
    await postForm(server.url, "/auth/reset-password", { ...fields, email: user.email });
    const first = tokenOf(await latestResetLink(server.runtime, user.email));
    server.runtime.clock.advance(1000);
    await postForm(server.url, "/auth/reset-password", { ...fields, email: user.email });
    expect(tokenOf(await latestResetLink(server.runtime, user.email))).not.toBe(first);
  });
});

describe("item 34: invitations", () => {
  it("an invitation to room A never opens room B", async () => {
    const { invitee, roomA, roomB, token } = await roomsAndInvitee();
    expect((await joinPage(roomB, token, invitee.cookie)).status).toBe(404);
    expect((await acceptByLink(roomB, token, invitee.cookie)).status).toBe(400);
    const guest = await postForm(server.url, `/room/${roomB}/join`, { intent: "guest", token });
    expect(guest.status).toBe(400);
    expect(guest.setCookie).toEqual([]);
    expect(await isMember(roomB, invitee.cookie)).toBe(false);
    expect(await memberRows(roomB, invitee.email)).toEqual([]);
    // The same token still works where it belongs.
    expect((await acceptByLink(roomA, token, invitee.cookie)).headers.location).toBe(`/room/${roomA}/prep`);
    expect(await isMember(roomA, invitee.cookie)).toBe(true);
    expect(await isMember(roomB, invitee.cookie)).toBe(false);
  });

  it("a revoked (resent) invitation fails; the new one works", async () => {
    const { owner, invitee, roomA, token } = await roomsAndInvitee();
    const [row] = await sql("select id from room_participants where room_id = :roomA and email = :email", { roomA, email: invitee.email });
    server.runtime.clock.advance(1000);
    const resend = await postForm(
      server.url,
      `/room/${roomA}`,
      { intent: "resend-invite", participantId: String(row!.id) },
      { Cookie: owner.cookie },
    );
    expect(resend.status).toBeLessThan(400);
    const fresh = (await emailedToken(invitee.email, "room-invite")).token;
    expect(fresh).not.toBe(token);

    expect((await joinPage(roomA, token, invitee.cookie)).status).toBe(404);
    expect((await acceptByLink(roomA, token, invitee.cookie)).status).toBe(400);
    expect(await isMember(roomA, invitee.cookie)).toBe(false);
    expect((await acceptByLink(roomA, fresh, invitee.cookie)).status).toBe(302);
    expect(await isMember(roomA, invitee.cookie)).toBe(true);
  });

  it("an expired invitation fails", async () => {
    const { invitee, roomA, token } = await roomsAndInvitee();
    server.runtime.clock.advance(7 * DAY + 60_000);
    try {
      // The old session has expired too, a week on: a fresh one.
      const cookie = await signInByForm(server.url, invitee.email);
      expect((await joinPage(roomA, token, cookie)).status).toBe(410);
      expect((await acceptByLink(roomA, token, cookie)).status).toBe(400);
      expect((await postForm(server.url, `/room/${roomA}/join`, { intent: "guest", token })).status).toBe(400);
      expect(await isMember(roomA, cookie)).toBe(false);
    } finally {
      server.runtime.clock.advance(-(7 * DAY + 60_000));
    }
    expect(await memberRows(roomA, invitee.email)).toEqual([]);
  });

  it("accepting needs a signed-in user: anonymously it sends to sign-in and changes nothing", async () => {
    const { invitee, roomA, token } = await roomsAndInvitee();
    const before = await sql("select status, accepted_at from invites where room_id = :roomA", { roomA });
    const response = await acceptByLink(roomA, token);
    expect(response.status).toBe(302);
    expect(response.headers.location).toMatch(/^\/auth\/signin/);
    expect(await sql("select status, accepted_at from invites where room_id = :roomA", { roomA })).toEqual(before);
    expect(await memberRows(roomA, invitee.email)).toEqual([]);
  });

  it("is used once: a second accept, by anyone, fails", async () => {
    const { invitee, roomA, token } = await roomsAndInvitee();
    const other = await signUpByForm(server.url);
    expect((await acceptByLink(roomA, token, invitee.cookie)).status).toBe(302);
    expect((await acceptByLink(roomA, token, invitee.cookie)).status).toBe(400);
    expect((await acceptByLink(roomA, token, other.cookie)).status).toBe(400);
    expect((await postForm(server.url, `/room/${roomA}/join`, { intent: "guest", token })).status).toBe(400);
    expect(await isMember(roomA, other.cookie)).toBe(false);
    expect(await sql("select 1 from invites where room_id = :roomA and status = 'accepted'", { roomA })).toHaveLength(1);
  });

  it("its page sends Referrer-Policy: no-referrer, whatever the link's state", async () => {
    const { roomA, roomB, token } = await roomsAndInvitee();
    for (const response of [await joinPage(roomA, token), await joinPage(roomB, token), await joinPage(roomA, "not-a-token")]) {
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
    }
  });

  it("its link's origin is APP_URL even when Host and X-Forwarded-Host say evil.test", async () => {
    const owner = await signUpByForm(server.url);
    const roomId = await createRoom(owner, "Forged host");
    const email = `host.${Date.now().toString(36)}@example.test`;
    const { link } = await invite(owner, roomId, email, { Host: "evil.test", "X-Forwarded-Host": "evil.test", Origin: "http://evil.test" });
    expect(link.startsWith(`${server.runtime.config.appUrl}/room/${roomId}/join?token=`)).toBe(true);
    expect(link).not.toContain("evil.test");
  });
});
