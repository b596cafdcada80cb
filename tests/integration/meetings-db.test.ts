import { createHash } from "node:crypto";
import { AccessToken, RoomServiceClient, TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../server/errors";
import { JOIN_TOKEN_TTL_SECONDS } from "../../server/services/meetings";
import type { PublicUser } from "../../server/services/sessions";
import { DAY } from "../support/test-clock";
import { TEST_LIVEKIT_ENV } from "../support/test-livekit";
import { queryRows, signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";

// The real LiveKit server (started by the vitest global setup) and a real database.
let runtime: TestRuntime;
let sequence = 0;
const { LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret, LIVEKIT_URL: livekitUrl } = TEST_LIVEKIT_ENV;
const roomService = new RoomServiceClient(livekitUrl.replace("ws://", "http://"), apiKey, apiSecret);

beforeAll(async () => {
  runtime = await startTestRuntime({ env: TEST_LIVEKIT_ENV });
});
afterAll(async () => {
  await runtime?.close();
});

const services = () => runtime.container.services;
const meetings = () => services().meetings;

const newUser = (email?: string) => signUpTestUser(runtime, { prefix: "m", email });
const sql = (text: string, replacements: Record<string, unknown> = {}) => queryRows(runtime, text, replacements);

/** Invites someone and returns the token from the invite email in the outbox. */
async function invite(
  owner: PublicUser,
  roomId: string,
  person = { email: `guest.${Date.now().toString(36)}${sequence++}@example.test`, name: "Gina Guest" },
) {
  await services().participants.add(owner, roomId, { rows: [person] }, { ip: "127.0.0.1" });
  const [email] = await sql(
    "select text_body from email_outbox where kind = 'room-invite' and to_email = :email order by created_at desc limit 1",
    { email: person.email },
  );
  const token = /join\?token=([\w-]+)/.exec(String(email!.text_body))![1]!;
  const [participant] = await sql("select id from room_participants where room_id = :roomId and email = :email", {
    roomId,
    email: person.email,
  });
  return { token, participantId: String(participant!.id), ...person };
}

async function roomWithOwner() {
  const owner = await newUser();
  const room = await services().rooms.create(owner, { name: "Standup", description: null });
  return { owner, room };
}

async function expectDomainError(promise: Promise<unknown>, kind: Parameters<typeof isDomainError>[1]) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a ${kind} error`).toBeDefined();
  expect(isDomainError(error, kind), `expected a ${kind} error, got ${String(error)}`).toBe(true);
}

describe("meeting tokens", () => {
  it("are minted for one room with join/publish/subscribe/data grants only, the user id as identity, and a 10-minute life", async () => {
    const { owner, room } = await roomWithOwner();
    const details = await meetings().join({ user: owner }, room.id, { displayName: "Olive at the office" });
    expect(details.serverUrl).toBe(livekitUrl);
    expect(details.identity).toBe(owner.id);

    const claims = await new TokenVerifier(apiKey, apiSecret).verify(details.token);
    expect(claims.sub).toBe(owner.id);
    expect(claims.name).toBe("Olive at the office");
    expect(JSON.parse(String(claims.metadata))).toMatchObject({ role: "owner", guest: false });
    expect(claims.video).toEqual({ room: `parley-${room.id}`, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true });
    for (const grant of ["roomAdmin", "roomCreate", "roomList", "roomRecord"]) expect(claims.video).not.toHaveProperty(grant);
    expect(Number(claims.exp) - Number(claims.nbf)).toBeLessThanOrEqual(JOIN_TOKEN_TTL_SECONDS);
    expect(Number(claims.exp) - Math.floor(Date.now() / 1000)).toBeGreaterThan(JOIN_TOKEN_TTL_SECONDS - 30);
  });

  it("creates the LiveKit room at join when it was not made with the room", async () => {
    const { owner, room } = await roomWithOwner();
    await roomService.deleteRoom(`parley-${room.id}`).catch(() => undefined);
    await sql("update rooms set room_sid = null where id = :id", { id: room.id });

    await meetings().join({ user: owner }, room.id, { displayName: owner.name });
    const rooms = await roomService.listRooms([`parley-${room.id}`]);
    expect(rooms).toHaveLength(1);
    const [row] = await sql("select room_sid from rooms where id = :id", { id: room.id });
    expect(row!.room_sid).toBe(rooms[0]!.sid);
  });

  it("are refused to non-members and for rooms that do not exist, with the same answer", async () => {
    const { room } = await roomWithOwner();
    const stranger = await newUser();
    await expectDomainError(meetings().join({ user: stranger }, room.id, { displayName: "x" }), "not-found");
    await expectDomainError(meetings().join({ user: stranger }, crypto.randomUUID(), { displayName: "x" }), "not-found");
    await expectDomainError(meetings().join({ user: stranger }, "not-a-uuid", { displayName: "x" }), "not-found");
    await expectDomainError(meetings().join({}, room.id, { displayName: "x" }), "not-found");
  });

  it("are refused to a participant once removed, member or guest", async () => {
    const { owner, room } = await roomWithOwner();
    const member = await newUser();
    const invited = await invite(owner, room.id, { email: member.email, name: member.name });
    await meetings().acceptInviteLink(member, room.id, invited.token);
    const guest = await invite(owner, room.id);
    const { pass } = await meetings().startGuestVisit(room.id, guest.token);
    const guestPass = await meetings().readGuestPass(pass, room.id);
    await meetings().join({ user: member }, room.id, { displayName: member.name });
    await meetings().join({ guestPass }, room.id, { displayName: guest.name });

    await services().participants.remove(owner.id, room.id, invited.participantId);
    await services().participants.remove(owner.id, room.id, guest.participantId);
    await expectDomainError(meetings().join({ user: member }, room.id, { displayName: member.name }), "not-found");
    await expectDomainError(meetings().join({ guestPass }, room.id, { displayName: guest.name }), "not-found");
    expect(await meetings().openInviteLink(room.id, guest.token)).toEqual({ state: "invalid" });
  });

  it("are rate-limited per person", async () => {
    const { owner, room } = await roomWithOwner();
    for (let i = 0; i < 30; i += 1) await meetings().join({ user: owner }, room.id, { displayName: owner.name });
    await expectDomainError(meetings().join({ user: owner }, room.id, { displayName: owner.name }), "rate-limited");
  });
});

describe("guests", () => {
  it("get a pass for exactly one room, as the invited participant", async () => {
    const { owner, room } = await roomWithOwner();
    const other = await services().rooms.create(owner, { name: "Other", description: null });
    const guest = await invite(owner, room.id);

    const { pass, roomId } = await meetings().startGuestVisit(room.id, guest.token);
    expect(roomId).toBe(room.id);
    const guestPass = await meetings().readGuestPass(pass, room.id);
    expect(guestPass).toEqual({ participantId: guest.participantId, roomId: room.id, passId: expect.any(String) });
    expect(await meetings().readGuestPass(pass, other.id)).toBeNull();
    expect(await meetings().readGuestPass(`${pass}x`, room.id)).toBeNull();

    const seat = await meetings().seatFor({ guestPass }, room.id);
    expect(seat).toMatchObject({ kind: "guest", displayName: guest.name, email: guest.email, roomName: "Standup" });
    await expectDomainError(meetings().seatFor({ guestPass }, other.id), "not-found");

    const details = await meetings().join({ guestPass }, room.id, { displayName: guest.name });
    const claims = await new TokenVerifier(apiKey, apiSecret).verify(details.token);
    expect(claims.sub).toBe(guest.participantId);
    expect(claims.video?.room).toBe(`parley-${room.id}`);
    expect(JSON.parse(String(claims.metadata))).toMatchObject({ guest: true, role: "participant" });
  });

  it("cannot use an invite link of room A to enter room B", async () => {
    const { owner, room } = await roomWithOwner();
    const other = await services().rooms.create(owner, { name: "Other", description: null });
    const guest = await invite(owner, room.id);
    expect(await meetings().openInviteLink(other.id, guest.token)).toEqual({ state: "invalid" });
    await expectDomainError(meetings().startGuestVisit(other.id, guest.token), "invalid-token");
  });

  it("expire after a few hours", async () => {
    const { owner, room } = await roomWithOwner();
    const guest = await invite(owner, room.id);
    const { pass } = await meetings().startGuestVisit(room.id, guest.token);
    runtime.clock.advance(5 * 3600_000);
    try {
      expect(await meetings().readGuestPass(pass, room.id)).toBeNull();
    } finally {
      runtime.clock.advance(-5 * 3600_000);
    }
  });
});

describe("invite links", () => {
  it("say what they are: open, for whom, and who is looking", async () => {
    const { owner, room } = await roomWithOwner();
    const invitee = await newUser();
    const link = await invite(owner, room.id, { email: invitee.email, name: "Ivy Invitee" });
    const open = {
      state: "open",
      roomId: room.id,
      roomName: "Standup",
      inviterName: owner.name,
      inviteeName: "Ivy Invitee",
      inviteeEmail: invitee.email,
    };
    expect(await meetings().openInviteLink(room.id, link.token)).toEqual({ ...open, viewer: "anonymous" });
    expect(await meetings().openInviteLink(room.id, link.token, invitee)).toEqual({ ...open, viewer: "invitee" });
    expect(await meetings().openInviteLink(room.id, link.token, owner)).toEqual({ ...open, viewer: "someone-else" });
  });

  it("link the invited person's account and accept the invitation, once", async () => {
    const { owner, room } = await roomWithOwner();
    const invitee = await newUser();
    const link = await invite(owner, room.id, { email: invitee.email, name: invitee.name });

    await expectDomainError(meetings().acceptInviteLink(owner, room.id, link.token), "validation");
    expect(await meetings().acceptInviteLink(invitee, room.id, link.token)).toEqual({ roomId: room.id });
    const [row] = await sql(
      "select p.user_id, i.status from room_participants p join invites i on i.participant_id = p.id where p.id = :id",
      { id: link.participantId },
    );
    expect(row).toEqual({ user_id: invitee.id, status: "accepted" });
    expect((await meetings().seatFor({ user: invitee }, room.id)).kind).toBe("member");
    // The emailed link reached the address: it proves it (SECURITY 35).
    expect(await sql("select email_verified_at is not null as proven from users where id = :id", { id: invitee.id })).toEqual([
      { proven: true },
    ]);
    expect(await sql("select email_verified_at from users where id = :id", { id: owner.id })).toEqual([{ email_verified_at: null }]);

    await expectDomainError(meetings().acceptInviteLink(invitee, room.id, link.token), "invalid-token");
    expect(await meetings().openInviteLink(room.id, link.token, invitee)).toEqual({
      state: "member",
      roomId: room.id,
      roomName: "Standup",
    });
    expect(await meetings().openInviteLink(room.id, link.token)).toEqual({ state: "used", roomName: "Standup" });
  });

  it("stop working when expired, revoked by a resend, or damaged", async () => {
    const { owner, room } = await roomWithOwner();
    const expiring = await invite(owner, room.id);
    const resent = await invite(owner, room.id);
    await services().participants.resendInvite(owner, room.id, resent.participantId, { ip: "127.0.0.1" });

    expect(await meetings().openInviteLink(room.id, resent.token)).toEqual({ state: "invalid" });
    await expectDomainError(meetings().startGuestVisit(room.id, resent.token), "invalid-token");
    for (const bad of ["", "short", `${expiring.token}!`, "a".repeat(500), undefined]) {
      expect(await meetings().openInviteLink(room.id, bad)).toEqual({ state: "invalid" });
    }

    runtime.clock.advance(8 * DAY);
    try {
      expect(await meetings().openInviteLink(room.id, expiring.token)).toMatchObject({ state: "expired", roomName: "Standup" });
      await expectDomainError(meetings().startGuestVisit(room.id, expiring.token), "invalid-token");
    } finally {
      runtime.clock.advance(-8 * DAY);
    }
  });
});

describe("LiveKit webhooks", () => {
  /** Signs a body the way the LiveKit server does: a JWT from the API key whose sha256 claim covers the raw body. */
  async function signed(body: string, secret = apiSecret) {
    const token = new AccessToken(apiKey, secret, { ttl: 300 });
    token.sha256 = createHash("sha256").update(body).digest("base64");
    return token.toJwt();
  }

  const event = (name: string, roomName: string, participant?: { identity: string; sid: string }, id = `EV_${crypto.randomUUID()}`) =>
    JSON.stringify({
      event: name,
      id,
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { name: roomName, sid: "RM_test" },
      ...(participant ? { participant } : {}),
    });

  const presence = async (roomId: string) =>
    sql(
      "select name, joined_at is not null as joined, in_meeting_since is not null as in_meeting from room_participants where room_id = :roomId order by name",
      { roomId },
    );

  it("refuse unsigned, tampered and foreign-signed events, changing nothing", async () => {
    const { owner, room } = await roomWithOwner();
    const body = event("participant_joined", `parley-${room.id}`, { identity: owner.id, sid: "PA_1" });
    const before = await presence(room.id);
    const events = async () => Number((await sql("select count(*)::int as n from livekit_webhook_events"))[0]!.n);
    const eventCount = await events();

    await expectDomainError(meetings().receiveWebhook(body, undefined), "authentication");
    await expectDomainError(meetings().receiveWebhook(body.replace("PA_1", "PA_2"), await signed(body)), "authentication");
    await expectDomainError(meetings().receiveWebhook(body, await signed(body, "another-secret-entirely-0123456789")), "authentication");
    await expectDomainError(meetings().receiveWebhook(body, "garbage"), "authentication");
    expect(await presence(room.id)).toEqual(before);
    expect(await events()).toBe(eventCount);
  });

  it("keep who is in the meeting: joined, left (only by the latest connection), room finished; each event applied once", async () => {
    const { owner, room } = await roomWithOwner();
    const roomName = `parley-${room.id}`;
    const guest = await invite(owner, room.id);

    const joined = event("participant_joined", roomName, { identity: owner.id, sid: "PA_owner_1" });
    expect(await meetings().receiveWebhook(joined, await signed(joined))).toBe("applied");
    expect(await meetings().receiveWebhook(joined, await signed(joined))).toBe("duplicate");
    const guestJoined = event("participant_joined", roomName, { identity: guest.participantId, sid: "PA_guest" });
    expect(await meetings().receiveWebhook(guestJoined, await signed(guestJoined))).toBe("applied");
    expect((await services().rooms.getForMember(owner.id, room.id)).inMeeting.sort()).toEqual([guest.name, owner.name].sort());

    // The owner reconnects from another tab: the old connection's "left" must not clear the new one.
    const rejoined = event("participant_joined", roomName, { identity: owner.id, sid: "PA_owner_2" });
    await meetings().receiveWebhook(rejoined, await signed(rejoined));
    const oldLeft = event("participant_left", roomName, { identity: owner.id, sid: "PA_owner_1" });
    await meetings().receiveWebhook(oldLeft, await signed(oldLeft));
    expect((await presence(room.id)).find((p) => p.name === owner.name)).toEqual({ name: owner.name, joined: true, in_meeting: true });

    const guestLeft = event("participant_left", roomName, { identity: guest.participantId, sid: "PA_guest" });
    await meetings().receiveWebhook(guestLeft, await signed(guestLeft));
    expect((await services().rooms.getForMember(owner.id, room.id)).inMeeting).toEqual([owner.name]);
    const members = await services().rooms.listMembers(owner.id, room.id);
    expect(members.map((m) => [m.name, m.inMeeting, Boolean(m.joinedAt)])).toEqual(
      expect.arrayContaining([
        [owner.name, true, true],
        [guest.name, false, true],
      ]),
    );
    const list = await services().rooms.listMine(owner.id);
    expect(list.rooms.find((r) => r.id === room.id)?.inMeetingCount).toBe(1);

    const finished = event("room_finished", roomName);
    expect(await meetings().receiveWebhook(finished, await signed(finished))).toBe("applied");
    expect((await services().rooms.getForMember(owner.id, room.id)).inMeeting).toEqual([]);
  });

  it("ignore events for rooms Parley does not know, once", async () => {
    const body = event("participant_joined", "someone-elses-room", { identity: crypto.randomUUID(), sid: "PA_x" });
    expect(await meetings().receiveWebhook(body, await signed(body))).toBe("ignored");
    expect(await meetings().receiveWebhook(body, await signed(body))).toBe("duplicate");
  });
});
