import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bodyOf } from "../support/api-client";
import { form, honeypotFields, rawRequest, type RawResponse } from "../support/http-client";
import { queryRows, signUpTestUser } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";
import { TEST_PASSWORD } from "../support/user-factory";

// SECURITY 13 and issue 12 (email abuse): every endpoint that sends email is limited per address and
// per IP. Invitations (signed in) answer 429 with Retry-After, write nothing and send nothing;
// the anonymous forgot-password form gives its usual answer and sends nothing. Each client below
// has an address of its own (127.0.0.x), as the server sees it.
let server: Awaited<ReturnType<typeof startTestServer>>;
// Hundreds of requests a test: generous on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function from(localAddress: string) {
  const post = (path: string, body: string, headers: Record<string, string>) =>
    rawRequest(`${server.url}${path}`, { method: "POST", headers: { Origin: server.url, ...headers }, body, localAddress });
  return {
    form: (path: string, fields: Record<string, string>, cookie?: string) =>
      post(path, form(fields), { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) }),
    json: (path: string, body: unknown, token: string) =>
      post(path, JSON.stringify(body), { "Content-Type": "application/json", Authorization: `Bearer ${token}` }),
  };
}

/** A member signed in from `localAddress`: a cookie for the pages and a token for the API, and a room of theirs. */
async function inviter(localAddress: string) {
  const user = await signUpTestUser(server.runtime, { prefix: "inviter" });
  const client = from(localAddress);
  const signin = await client.form("/auth/signin", {
    ...(await honeypotFields(server.url, "/auth/signin")),
    email: user.email,
    password: TEST_PASSWORD,
  });
  expect(signin.status).toBe(302);
  const cookie = `parley_session=${signin.cookies.parley_session}`;
  const apiSignin = await rawRequest(`${server.url}/api/auth/signin`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    localAddress,
  });
  const token = bodyOf(apiSignin).token as string;
  const room = await client.form("/home/new", { name: "Invitations" }, cookie);
  const roomId = room.headers.location!.split("/").pop()!;
  return { user, cookie, token, roomId, client };
}

const count = async (sql: string, replacements: Record<string, unknown> = {}) =>
  Number((await queryRows(server.runtime, sql, replacements))[0]!.n);
const emailsTo = (email: string, kind: string) =>
  count("select count(*)::int as n from email_outbox where to_email = :email and kind = :kind", { email, kind });
const participantsOf = (roomId: string) => count("select count(*)::int as n from room_participants where room_id = :roomId", { roomId });

function expect429(response: RawResponse) {
  expect(response.status).toBe(429);
  expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
}

describe("invitations are limited per recipient address, across rooms and inviters", () => {
  it("the 6th invitation to one address in an hour is refused on the page (429, Retry-After, a readable message) and by the API; nothing is written or sent", async () => {
    const target = "popular@example.test";
    for (let i = 0; i < 5; i++) {
      const { cookie, roomId, client } = await inviter(`127.0.0.${10 + i}`);
      const added = await client.form(`/room/${roomId}/members/new`, { "rows[0].email": target, "rows[0].name": "Popular" }, cookie);
      expect(added.status).toBe(302);
    }
    expect(await emailsTo(target, "room-invite")).toBe(5);

    const page = await inviter("127.0.0.20");
    const refused = await page.client.form(
      `/room/${page.roomId}/members/new`,
      { "rows[0].email": "bystander@example.test", "rows[0].name": "By", "rows[1].email": target, "rows[1].name": "Popular" },
      page.cookie,
    );
    expect429(refused);
    expect(refused.body).toMatch(/role="alert"[^>]*>(<[^>]*>)*Too many attempts\. Please wait/);
    expect(await participantsOf(page.roomId)).toBe(1);

    const api = await inviter("127.0.0.21");
    const refusedByApi = await api.client.json(`/api/rooms/${api.roomId}/participants`, { email: target, name: "Popular" }, api.token);
    expect429(refusedByApi);
    expect(bodyOf(refusedByApi).message).toMatch(/Too many attempts/);
    expect(await participantsOf(api.roomId)).toBe(1);

    expect(await emailsTo(target, "room-invite")).toBe(5);
    expect(await emailsTo("bystander@example.test", "room-invite")).toBe(0);
  });

  it("resending from the members panel counts too: over the limit it answers 429 with Retry-After and sends nothing", async () => {
    const target = "resent@example.test";
    const { cookie, roomId, client } = await inviter("127.0.0.30");
    expect((await client.form(`/room/${roomId}/members/new`, { "rows[0].email": target, "rows[0].name": "Resent" }, cookie)).status).toBe(
      302,
    );
    const [row] = await queryRows(server.runtime, "select id from room_participants where room_id = :roomId and email = :target", {
      roomId,
      target,
    });
    for (let i = 0; i < 4; i++)
      expect((await client.form(`/room/${roomId}`, { intent: "resend-invite", participantId: String(row!.id) }, cookie)).status).toBe(302);
    expect429(await client.form(`/room/${roomId}`, { intent: "resend-invite", participantId: String(row!.id) }, cookie));
    expect(await emailsTo(target, "room-invite")).toBe(5);
  });
});

describe("invitations are limited per IP", () => {
  it("one address sends at most 200 invitation emails an hour: the next batch is refused (429) and sends nothing; another address still may", async () => {
    const { cookie, roomId, client } = await inviter("127.0.0.40");
    const batch = (n: number, size = 50) =>
      Object.fromEntries(
        Array.from({ length: size }, (_, i) => [
          [`rows[${i}].email`, `bulk${n}.${i}@example.test`],
          [`rows[${i}].name`, `Bulk ${i}`],
        ]).flat(),
      );
    for (let n = 0; n < 4; n++) expect((await client.form(`/room/${roomId}/members/new`, batch(n), cookie)).status).toBe(302);
    expect429(await client.form(`/room/${roomId}/members/new`, batch(4, 1), cookie));
    expect(await count("select count(*)::int as n from email_outbox where to_email like 'bulk4.%'")).toBe(0);
    expect(await participantsOf(roomId)).toBe(201);

    const other = await inviter("127.0.0.41");
    expect((await other.client.form(`/room/${other.roomId}/members/new`, batch(5, 1), other.cookie)).status).toBe(302);
  });
});
