import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingLiveKit } from "../support/fake-livekit";
import { postForm, rawRequest } from "../support/http-client";
import { queryRows, signUpTestUser } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let sequence = 0;

beforeAll(async () => {
  server = await startTestServer({ livekit: recordingLiveKit() });
});
afterAll(async () => {
  await server?.close();
});

const services = () => server.runtime.container.services;

async function roomWithGuest() {
  const owner = await signUpTestUser(server.runtime, { prefix: "gph", name: "Olga Owner" });
  const room = await services().rooms.create(owner, { name: "Review", description: null });
  const email = `gph.guest.${Date.now().toString(36)}${sequence++}@example.test`;
  await services().participants.add(owner, room.id, { rows: [{ email, name: "Gil Guest" }] }, { ip: "127.0.0.1" });
  const [participant] = await queryRows(server.runtime, "select id from room_participants where room_id = :roomId and email = :email", {
    roomId: room.id,
    email,
  });
  return { owner, room, email, participantId: String(participant!.id), token: await newestToken(email) };
}

async function newestToken(email: string) {
  const [row] = await queryRows(
    server.runtime,
    "select text_body from email_outbox where kind = 'room-invite' and to_email = :email order by created_at desc limit 1",
    { email },
  );
  return /join\?token=([\w-]+)/.exec(String(row!.text_body))![1]!;
}

/** Uses the invite link as a guest, as the browser does; returns the guest pass cookie. */
async function visitAsGuest(roomId: string, token: string) {
  const response = await postForm(server.url, `/room/${roomId}/join`, { intent: "guest", token });
  expect(response.status).toBe(302);
  return `parley_guest=${response.cookies.parley_guest}`;
}

const prepStatus = async (roomId: string, cookie: string) =>
  (await rawRequest(`${server.url}/room/${roomId}/prep`, { headers: { Cookie: cookie } })).status;
const meetingStatus = async (roomId: string, cookie: string) =>
  (await rawRequest(`${server.url}/room/${roomId}/meeting`, { headers: { Cookie: cookie } })).status;
const join = (roomId: string, cookie: string, displayName = "Gil") =>
  postForm(server.url, `/room/${roomId}/meeting?_data=routes%2Froom.%24roomId_.meeting`, { displayName }, { Cookie: cookie });

describe("a guest pass over HTTP", () => {
  it("gets a token whose name the server marked as a guest's, even when the guest typed the owner's name", async () => {
    const { owner, room, token } = await roomWithGuest();
    const cookie = await visitAsGuest(room.id, token);
    const response = await join(room.id, cookie, owner.name);
    expect(response.status).toBe(200);
    const claims = await new TokenVerifier("recording-key", "recording-secret-0123456789abcdef").verify(
      JSON.parse(response.body).details.token,
    );
    expect(claims.name).toBe(`${owner.name} (guest)`);
    expect(JSON.parse(String(claims.metadata))).toMatchObject({ guest: true });
  });

  it("is refused on the prep page, the meeting page and at join once the owner resends the invitation", async () => {
    const { owner, room, participantId, token } = await roomWithGuest();
    const cookie = await visitAsGuest(room.id, token);
    expect(await prepStatus(room.id, cookie)).toBe(200);
    expect((await join(room.id, cookie)).status).toBe(200);

    await services().participants.resendInvite(owner, room.id, participantId, { ip: "127.0.0.1" });
    expect(await prepStatus(room.id, cookie)).toBe(404);
    expect(await meetingStatus(room.id, cookie)).toBe(404);
    expect((await join(room.id, cookie)).status).toBe(404);
  });

  it("is refused once the owner removes the guest", async () => {
    const { owner, room, participantId, token } = await roomWithGuest();
    const cookie = await visitAsGuest(room.id, token);
    await services().participants.remove(owner.id, room.id, participantId);
    expect(await prepStatus(room.id, cookie)).toBe(404);
    expect((await join(room.id, cookie)).status).toBe(404);
  });

  it("is replaced by the next use of the same link", async () => {
    const { room, token } = await roomWithGuest();
    const first = await visitAsGuest(room.id, token);
    const second = await visitAsGuest(room.id, token);
    expect(await prepStatus(room.id, second)).toBe(200);
    expect(await prepStatus(room.id, first)).toBe(404);
    expect((await join(room.id, first)).status).toBe(404);
  });
});
