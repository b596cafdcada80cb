import { createHash } from "node:crypto";
import { AccessToken, TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postForm, rawRequest } from "../support/http-client";
import { TEST_LIVEKIT_ENV, TEST_LIVEKIT_PORT } from "../support/test-livekit";
import { startTestServer } from "../support/test-server";
import { signUpByForm } from "../support/http-accounts";

// The real HTTP server and the real LiveKit server (started by the vitest global setup).
let server: Awaited<ReturnType<typeof startTestServer>>;
let sequence = 0;
const { LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = TEST_LIVEKIT_ENV;

beforeAll(async () => {
  server = await startTestServer({ env: TEST_LIVEKIT_ENV });
});
afterAll(async () => {
  await server?.close();
});

async function signUp(name = "Mia Member") {
  const user = await signUpByForm(server.url, { name });
  const { user: account } = await server.runtime.container.services.auth.signIn(
    { email: user.email, password: user.password },
    { ip: "198.51.100.9" },
  );
  return { ...user, id: account.id };
}

async function sql(text: string, replacements: Record<string, unknown> = {}) {
  const [rows] = await server.runtime.sequelize.query(text, { replacements });
  return rows as Array<Record<string, unknown>>;
}

async function roomWithGuest() {
  const owner = await signUp("Olga Owner");
  const { services } = server.runtime.container;
  const ownerUser = { id: owner.id, email: owner.email, name: owner.name, username: owner.username, emailVerified: false };
  const room = await services.rooms.create(ownerUser, { name: "Design review", description: null });
  const guestEmail = `guest.${Date.now().toString(36)}${sequence++}@example.test`;
  await services.participants.add(ownerUser, room.id, { rows: [{ email: guestEmail, name: "Gil Guest" }] }, { ip: "127.0.0.1" });
  const [email] = await sql("select text_body from email_outbox where to_email = :email", { email: guestEmail });
  const link = /https?:\/\/\S+\/join\?token=[\w-]+/.exec(String(email!.text_body))![0];
  const path = new URL(link).pathname + new URL(link).search;
  return { owner, room, guestEmail, joinPath: path, token: new URL(link).searchParams.get("token")! };
}

describe("the invite link page", () => {
  it("changes nothing when opened, and sends no Referer anywhere", async () => {
    const { joinPath, guestEmail } = await roomWithGuest();
    const before = await sql("select status, accepted_at from invites where invitee_email = :guestEmail", { guestEmail });
    const response = await rawRequest(`${server.url}${joinPath}`);
    expect(response.status).toBe(200);
    expect(response.body).toContain("Join as a guest (Gil Guest)");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
    expect(response.setCookie).toEqual([]);
    expect(await sql("select status, accepted_at from invites where invitee_email = :guestEmail", { guestEmail })).toEqual(before);
  });

  it("gives a guest an httpOnly pass for that one room's pages, then the prep page", async () => {
    const { room, joinPath, token } = await roomWithGuest();
    const response = await postForm(server.url, joinPath, { intent: "guest", token });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/room/${room.id}/prep`);
    const line = response.setCookie.find((c) => c.startsWith("parley_guest="))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(new RegExp(`Path=/room/${room.id}(;|$)`));
    const cookie = `parley_guest=${response.cookies.parley_guest}`;

    const prep = await rawRequest(`${server.url}/room/${room.id}/prep`, { headers: { Cookie: cookie } });
    expect(prep.status).toBe(200);
    expect(prep.body).toContain("Get ready to join");
    expect(prep.body).toContain("Video meetings need JavaScript");
    // The pass opens the meeting pages, not the member pages.
    expect((await rawRequest(`${server.url}/room/${room.id}`, { headers: { Cookie: cookie } })).status).toBe(302);
  });

  it("answers a damaged or foreign token with a clear 404 page", async () => {
    const { room } = await roomWithGuest();
    const other = await roomWithGuest();
    for (const path of [`/room/${room.id}/join?token=nope`, `/room/${room.id}/join`, `/room/${room.id}/join?token=${other.token}`]) {
      const response = await rawRequest(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.body).toContain("This invitation link does not work");
    }
    const post = await postForm(server.url, `/room/${room.id}/join`, { intent: "guest", token: other.token });
    expect(post.status).toBe(400);
    expect(post.setCookie).toEqual([]);
  });
});

describe("the meeting token endpoint", () => {
  it("gives a member a token for this room only, and never the API secret", async () => {
    const { owner, room } = await roomWithGuest();
    const response = await postForm(
      server.url,
      `/room/${room.id}/meeting?_data=routes%2Froom.%24roomId_.meeting`,
      { displayName: "Olga" },
      { Cookie: owner.cookie },
    );
    expect(response.status).toBe(200);
    const { details } = JSON.parse(response.body);
    expect(details.serverUrl).toBe(TEST_LIVEKIT_ENV.LIVEKIT_URL);
    const claims = await new TokenVerifier(apiKey, apiSecret).verify(details.token);
    expect(claims.sub).toBe(owner.id);
    expect(claims.video?.room).toBe(`parley-${room.id}`);
    expect(response.body).not.toContain(apiSecret === "secret" ? '"secret"' : apiSecret);
  });

  it("is 404 for someone outside the room, and refuses a bad display name with 400", async () => {
    const { owner, room } = await roomWithGuest();
    const stranger = await signUp("Stan Stranger");
    const path = `/room/${room.id}/meeting?_data=routes%2Froom.%24roomId_.meeting`;
    expect((await postForm(server.url, path, { displayName: "Stan" }, { Cookie: stranger.cookie })).status).toBe(404);
    const bad = await postForm(server.url, path, { displayName: "" }, { Cookie: owner.cookie });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toBe("Enter your name");
  });
});

describe("the LiveKit webhook route", () => {
  const post = (body: string, authorization?: string, origin?: string) =>
    rawRequest(`${server.url}/api/livekit/webhook`, {
      method: "POST",
      headers: {
        "Content-Type": "application/webhook+json",
        ...(authorization ? { Authorization: authorization } : {}),
        ...(origin ? { Origin: origin } : {}),
      },
      body,
    });

  async function signed(body: string, secret = apiSecret) {
    const token = new AccessToken(apiKey, secret, { ttl: 300 });
    token.sha256 = createHash("sha256").update(body).digest("base64");
    return token.toJwt();
  }

  it("is exempt from the origin check but answers 401 to unsigned, tampered or foreign-signed events, changing nothing", async () => {
    const { owner, room } = await roomWithGuest();
    const body = JSON.stringify({
      event: "participant_joined",
      id: `EV_${Date.now()}`,
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { name: `parley-${room.id}`, sid: "RM_1" },
      participant: { identity: owner.id, sid: "PA_1" },
    });
    const count = async () => Number((await sql("select count(*)::int as n from livekit_webhook_events"))[0]!.n);
    const before = await count();

    expect((await post(body)).status).toBe(401);
    expect((await post(body.replace("PA_1", "PA_2"), await signed(body))).status).toBe(401);
    expect((await post(body, await signed(body, "a-different-secret-0123456789abcdef"))).status).toBe(401);
    expect(await count()).toBe(before);
    expect(await sql("select 1 from room_participants where room_id = :id and in_meeting_since is not null", { id: room.id })).toEqual([]);

    // No Origin, as a server-to-server call has none: accepted on its signature.
    const ok = await post(body, await signed(body));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, outcome: "applied" });
    expect((await post(body, await signed(body))).status).toBe(200);
    expect(await count()).toBe(before + 1);
    const page = await rawRequest(`${server.url}/room/${room.id}`, { headers: { Cookie: owner.cookie } });
    expect(page.body).toContain("1 in the meeting");
  });

  it("answers GET with 405", async () => {
    expect((await rawRequest(`${server.url}/api/livekit/webhook`)).status).toBe(405);
  });
});

describe("the meeting pages' security headers", () => {
  it("let the page connect to the LiveKit server and run MediaPipe's WebAssembly, nothing more", async () => {
    const { owner, room } = await roomWithGuest();
    const response = await rawRequest(`${server.url}/room/${room.id}/prep`, { headers: { Cookie: owner.cookie } });
    const policy = String(response.headers["content-security-policy"]);
    const connect = /connect-src ([^;]+)/.exec(policy)![1]!.split(" ");
    const liveKit = [`ws://127.0.0.1:${TEST_LIVEKIT_PORT}`, `http://127.0.0.1:${TEST_LIVEKIT_PORT}`];
    expect(connect).toEqual(expect.arrayContaining(["'self'", ...liveKit]));
    expect(connect.filter((source) => !["'self'", ...liveKit, "ws://localhost:3001"].includes(source))).toEqual([]);
    expect(/script-src ([^;]+)/.exec(policy)![1]).toContain("'wasm-unsafe-eval'");
    expect(/script-src ([^;]+)/.exec(policy)![1]).not.toContain("'unsafe-eval'");
    expect(response.headers["permissions-policy"]).toContain("camera=(self)");
  });
});
