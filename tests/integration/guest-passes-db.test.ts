import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../server/errors";
import type { PublicUser } from "../../server/services/sessions";
import { recordingLiveKit } from "../support/fake-livekit";
import { queryRows, signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";

// Tokens minted by the recording gateway are real LiveKit tokens, signed with its key pair.
const verifier = new TokenVerifier("recording-key", "recording-secret-0123456789abcdef");
let runtime: TestRuntime;
let sequence = 0;

beforeAll(async () => {
  runtime = await startTestRuntime({ livekit: recordingLiveKit() });
});
afterAll(async () => {
  await runtime?.close();
});

const services = () => runtime.container.services;
const meetings = () => services().meetings;
const sql = (text: string, replacements: Record<string, unknown> = {}) => queryRows(runtime, text, replacements);

async function roomWithGuest(ownerName = "Olga Owner") {
  const owner = await signUpTestUser(runtime, { prefix: "gp", name: ownerName });
  const room = await services().rooms.create(owner, { name: "Review", description: null });
  const email = `gp.guest.${Date.now().toString(36)}${sequence++}@example.test`;
  const participantId = await inviteAndReadLink(owner, room.id, email);
  return { owner, room, email, ...participantId };
}

/** Invites (or re-invites) and reads the newest link's token from the outbox. */
async function inviteAndReadLink(owner: PublicUser, roomId: string, email: string) {
  await services().participants.add(owner, roomId, { rows: [{ email, name: "Gil Guest" }] }, { ip: "127.0.0.1" });
  const [participant] = await sql("select id from room_participants where room_id = :roomId and email = :email", { roomId, email });
  return { participantId: String(participant!.id), token: await newestToken(email) };
}

async function newestToken(email: string) {
  const [row] = await sql(
    "select text_body from email_outbox where kind = 'room-invite' and to_email = :email order by created_at desc limit 1",
    { email },
  );
  return /join\?token=([\w-]+)/.exec(String(row!.text_body))![1]!;
}

async function visit(roomId: string, token: string) {
  const { pass } = await meetings().startGuestVisit(roomId, token);
  return meetings().readGuestPass(pass, roomId);
}

async function kindOfError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isDomainError(error) ? error.kind : error;
}

const tokenName = async (token: string) => (await verifier.verify(token)).name;

describe("a guest's name in the meeting", () => {
  it("is marked as a guest by the server, whatever the browser typed, so no guest takes a member's name", async () => {
    const { owner, room, token } = await roomWithGuest("Olga Owner");
    const guestPass = await visit(room.id, token);
    for (const [typed, minted] of [
      ["Gil", "Gil (guest)"],
      [owner.name, `${owner.name} (guest)`],
      ["Olga Owner (guest)", "Olga Owner (guest)"],
      ["Olga Owner (Guest) (GUEST)", "Olga Owner (guest)"],
      ["(guest)", "Gil Guest (guest)"],
    ]) {
      const details = await meetings().join({ guestPass }, room.id, { displayName: typed! });
      const claims = await verifier.verify(details.token);
      expect(claims.name, typed).toBe(minted);
      expect(JSON.parse(String(claims.metadata))).toMatchObject({ guest: true });
    }
  });

  it("is a member's as typed, without a guest mark (the mark means what the metadata says)", async () => {
    const { owner, room } = await roomWithGuest();
    expect(await tokenName((await meetings().join({ user: owner }, room.id, { displayName: "Olga at home" })).token)).toBe("Olga at home");
    expect(await tokenName((await meetings().join({ user: owner }, room.id, { displayName: "Olga (guest)" })).token)).toBe("Olga");
    const claims = await verifier.verify((await meetings().join({ user: owner }, room.id, { displayName: "Olga" })).token);
    expect(JSON.parse(String(claims.metadata))).toMatchObject({ guest: false });
  });
});

describe("a guest pass is bound to its invitation", () => {
  it("is refused once the owner resends the invitation", async () => {
    const { owner, room, email, participantId, token } = await roomWithGuest();
    const guestPass = await visit(room.id, token);
    expect((await meetings().seatFor({ guestPass }, room.id)).kind).toBe("guest");

    await services().participants.resendInvite(owner, room.id, participantId, { ip: "127.0.0.1" });
    expect(await kindOfError(meetings().seatFor({ guestPass }, room.id))).toBe("not-found");
    expect(await kindOfError(meetings().join({ guestPass }, room.id, { displayName: "Gil" }))).toBe("not-found");

    // The new link works, and gives a pass of its own.
    const fresh = await visit(room.id, await newestToken(email));
    expect((await meetings().seatFor({ guestPass: fresh }, room.id)).kind).toBe("guest");
  });

  it("is refused once the guest is removed, even if the same address is invited again", async () => {
    const { owner, room, email, participantId, token } = await roomWithGuest();
    const guestPass = await visit(room.id, token);
    await services().participants.remove(owner.id, room.id, participantId);
    expect(await kindOfError(meetings().seatFor({ guestPass }, room.id))).toBe("not-found");
    await inviteAndReadLink(owner, room.id, email);
    expect(await kindOfError(meetings().seatFor({ guestPass }, room.id))).toBe("not-found");
    expect(await kindOfError(meetings().join({ guestPass }, room.id, { displayName: "Gil" }))).toBe("not-found");
  });

  it("is replaced when the same link is used again: the newer pass works, the older is refused", async () => {
    const { room, token } = await roomWithGuest();
    const first = await visit(room.id, token);
    const second = await visit(room.id, token);
    expect((await meetings().seatFor({ guestPass: second }, room.id)).kind).toBe("guest");
    expect(await kindOfError(meetings().seatFor({ guestPass: first }, room.id))).toBe("not-found");
  });
});
