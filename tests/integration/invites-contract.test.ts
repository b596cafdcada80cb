import { expect, it } from "vitest";
import type { Room } from "../../server/repositories/rooms";
import { describeRepositoryContract, type RepositoryWorld } from "../support/repository-contract";

const at = (minute: number) => new Date(Date.UTC(2026, 1, 3, 4, minute));
let n = 0;

/** A guest's participant row in the room and an invitation to it, sent by the room's owner. */
async function invite(w: RepositoryWorld, room: Room, email: string, createdAt: Date) {
  return w.transaction(async (tx) => {
    const participantId = await w.participants.add({ roomId: room.id, email, name: `Guest ${++n}`, role: "participant" }, tx);
    const inviteId = await w.invites.create(
      {
        roomId: room.id,
        inviterId: room.ownerId,
        participantId,
        email,
        name: `Guest ${n}`,
        tokenHash: `${n}`.padStart(64, "0"),
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 7 * 86_400_000),
      },
      tx,
    );
    return { participantId, inviteId };
  });
}

describeRepositoryContract("invites repository", (world) => {
  it("finds a pending invitation only for its own address", async () => {
    const w = world();
    const room = await w.newRoom();
    const email = `invitee${++n}@example.test`;
    const { inviteId, participantId } = await invite(w, room, email, at(1));
    expect(await w.invites.findPendingForEmail(inviteId, email)).toMatchObject({
      id: inviteId,
      roomId: room.id,
      inviterId: room.ownerId,
      participantId,
      inviteeEmail: email,
      status: "pending",
      createdAt: at(1),
    });
    expect(await w.invites.findPendingForEmail(inviteId, "someone.else@example.test")).toBeNull();
    expect(await w.invites.findPendingForEmail(crypto.randomUUID(), email)).toBeNull();
  });

  it("lists pending invitations to an address newest first, with room and inviter names, up to the limit", async () => {
    const w = world();
    const inviter = await w.newUser("Iris Inviter");
    const older = await w.newRoom({ ownerId: inviter.id, name: "Older room" });
    const newer = await w.newRoom({ ownerId: inviter.id, name: "Newer room" });
    const email = `invitee${++n}@example.test`;
    await invite(w, older, email, at(1));
    await invite(w, newer, email, at(2));
    await invite(w, newer, `other${n}@example.test`, at(3));

    const listed = await w.invites.listPendingForEmail(email, 10);
    expect(listed.map((i) => [i.roomName, i.inviterName, i.createdAt])).toEqual([
      ["Newer room", "Iris Inviter", at(2)],
      ["Older room", "Iris Inviter", at(1)],
    ]);
    expect(listed[0]).toMatchObject({ roomId: newer.id, expiresAt: new Date(at(2).getTime() + 7 * 86_400_000) });
    expect((await w.invites.listPendingForEmail(email, 1)).map((i) => i.roomName)).toEqual(["Newer room"]);
  });

  it("stops listing an invitation once accepted, revoked or deleted", async () => {
    const w = world();
    const room = await w.newRoom();
    const email = `invitee${++n}@example.test`;
    const accepted = await invite(w, await w.newRoom(), email, at(1));
    const revoked = await invite(w, await w.newRoom(), email, at(2));
    const deleted = await invite(w, await w.newRoom(), email, at(3));
    const kept = await invite(w, room, email, at(4));

    await w.transaction((tx) => w.invites.markAccepted(accepted.inviteId, at(5), tx));
    await w.transaction((tx) => w.invites.revokePending(revoked.participantId, tx));
    await w.transaction((tx) => w.invites.delete(deleted.inviteId, tx));

    expect((await w.invites.listPendingForEmail(email, 10)).map((i) => i.id)).toEqual([kept.inviteId]);
    expect(await w.invites.findPendingForEmail(accepted.inviteId, email)).toBeNull();
    expect(await w.invites.findPendingForEmail(revoked.inviteId, email)).toBeNull();
  });
});
