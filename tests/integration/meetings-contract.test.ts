import { expect, it } from "vitest";
import { describeRepositoryContract, type RepositoryWorld } from "../support/repository-contract";

const createdAt = new Date(Date.UTC(2026, 1, 3, 4, 5));
const expiresAt = new Date(createdAt.getTime() + 7 * 86_400_000);
let n = 0;

/** A room whose owner invited one guest: the guest's row and the invitation. */
async function roomWithGuest(w: RepositoryWorld) {
  const owner = await w.newUser("Olga Owner");
  const room = await w.newRoom({ ownerId: owner.id, name: "Meeting room" });
  const email = `guest${++n}.${Date.now().toString(36)}@example.test`;
  const tokenHash = `${n}${Date.now()}`.padStart(64, "a");
  const { participantId, inviteId } = await w.transaction(async (tx) => {
    const participantId = await w.participants.add({ roomId: room.id, email, name: "Gus Guest", role: "participant" }, tx);
    const inviteId = await w.invites.create(
      { roomId: room.id, inviterId: owner.id, participantId, email, name: "Gus Guest", tokenHash, createdAt, expiresAt },
      tx,
    );
    return { participantId, inviteId };
  });
  return { owner, room, email, tokenHash, participantId, inviteId };
}

describeRepositoryContract("meetings repository", (world) => {
  it("finds a member's attendee row by account, in that room only", async () => {
    const w = world();
    const { owner, room } = await roomWithGuest(w);
    expect(await w.meetings.findMemberAttendee(room.id, owner.id)).toMatchObject({
      userId: owner.id,
      roomId: room.id,
      roomName: "Meeting room",
      livekitRoomName: `parley-${room.id}`,
      roomSid: null,
      name: "Olga Owner",
      email: owner.email,
      role: "owner",
    });
    expect(await w.meetings.findMemberAttendee((await w.newRoom()).id, owner.id)).toBeNull();
    expect(await w.meetings.findMemberAttendee(room.id, (await w.newUser()).id)).toBeNull();
  });

  it("reads an invite link by its token hash, in its own room, while the guest is still in it", async () => {
    const w = world();
    const { owner, room, email, tokenHash, participantId, inviteId } = await roomWithGuest(w);
    expect(await w.meetings.findInviteLink(room.id, tokenHash)).toEqual({
      inviteId,
      roomId: room.id,
      roomName: "Meeting room",
      inviterName: owner.name,
      participantId,
      participantUserId: null,
      email,
      name: "Gus Guest",
      status: "pending",
      expiresAt,
    });
    expect(await w.meetings.findInviteLink((await w.newRoom()).id, tokenHash)).toBeNull();
    await w.participants.remove(participantId);
    expect(await w.meetings.findInviteLink(room.id, tokenHash)).toBeNull();
  });

  it("lets a guest in with the latest pass of a pending invitation only", async () => {
    const w = world();
    const { room, participantId, inviteId } = await roomWithGuest(w);
    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
    expect(await w.meetings.findGuestAttendee(room.id, participantId, first)).toBeNull();
    expect(await w.meetings.bindGuestPass(inviteId, first)).toBe(true);
    expect(await w.meetings.findGuestAttendee(room.id, participantId, first)).toMatchObject({
      participantId,
      userId: null,
      name: "Gus Guest",
      role: "participant",
    });
    expect(await w.meetings.bindGuestPass(inviteId, second)).toBe(true);
    expect(await w.meetings.findGuestAttendee(room.id, participantId, first)).toBeNull();
    expect(await w.meetings.findGuestAttendee((await w.newRoom()).id, participantId, second)).toBeNull();

    await w.transaction((tx) => w.invites.revokePending(participantId, tx));
    expect(await w.meetings.findGuestAttendee(room.id, participantId, second)).toBeNull();
    expect(await w.meetings.bindGuestPass(inviteId, crypto.randomUUID())).toBe(false);
  });

  it("records the LiveKit room sid and finds a room by its LiveKit name", async () => {
    const w = world();
    const { owner, room } = await roomWithGuest(w);
    await w.meetings.setRoomSid(room.id, "RM_contract");
    expect(await w.meetings.findMemberAttendee(room.id, owner.id)).toMatchObject({ roomSid: "RM_contract" });
    expect(await w.transaction((tx) => w.meetings.findRoomIdByLiveKitName(`parley-${room.id}`, tx))).toBe(room.id);
    expect(await w.transaction((tx) => w.meetings.findRoomIdByLiveKitName("parley-nothing", tx))).toBeNull();
  });

  it("records each webhook event id once", async () => {
    const w = world();
    const event = { id: `EV_${crypto.randomUUID()}`, event: "participant_joined", roomName: "parley-x" };
    expect(await w.transaction((tx) => w.meetings.recordWebhookEvent(event, tx))).toBe(true);
    expect(await w.transaction((tx) => w.meetings.recordWebhookEvent(event, tx))).toBe(false);
    expect(await w.transaction((tx) => w.meetings.recordWebhookEvent({ ...event, id: `EV_${crypto.randomUUID()}` }, tx))).toBe(true);
  });
});
