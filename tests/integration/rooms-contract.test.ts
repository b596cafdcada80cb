import { expect, it } from "vitest";
import { describeRepositoryContract, type RepositoryWorld } from "../support/repository-contract";

const at = (minute: number) => new Date(Date.UTC(2030, 1, 3, 4, minute));

async function addMember(w: RepositoryWorld, roomId: string, name: string, role: "participant" | "moderator" = "participant") {
  const user = await w.newUser(name);
  const participantId = await w.transaction((tx) =>
    w.participants.add({ roomId, userId: user.id, email: user.email, name: user.name, role }, tx),
  );
  return { user, participantId };
}

const join = (w: RepositoryWorld, roomId: string, identity: string, sid: string, when: Date) =>
  w.transaction((tx) => w.participants.markJoined({ roomId, identity, sid, at: when }, tx));

describeRepositoryContract("rooms repository", (world) => {
  it("creates a room named for LiveKit after its id, and shows it to members only", async () => {
    const w = world();
    const room = await w.newRoom({ name: "Team", description: "Weekly" });
    expect(room).toMatchObject({ name: "Team", description: "Weekly", livekitRoomName: `parley-${room.id}`, roomSid: null });
    expect(await w.rooms.findForMember(room.id, room.ownerId)).toEqual({
      room,
      role: "owner",
      inMeeting: [],
      memberCount: 1,
      readPoint: null,
    });
    expect(await w.rooms.findForMember(room.id, (await w.newUser()).id)).toBeNull();
    expect(await w.rooms.findForMember(crypto.randomUUID(), room.ownerId)).toBeNull();

    await w.rooms.setLiveKitRoom(room.id, "RM_1");
    expect((await w.rooms.findForMember(room.id, room.ownerId))?.room.roomSid).toBe("RM_1");
  });

  it("says who is in the meeting, earliest first, to a member reading the room", async () => {
    const w = world();
    const room = await w.newRoom();
    const ann = await addMember(w, room.id, "Ann");
    const bob = await addMember(w, room.id, "Bob");
    await addMember(w, room.id, "Cy");
    await join(w, room.id, bob.user.id, "PA_b", at(1));
    await join(w, room.id, ann.participantId, "PA_a", at(2));

    expect((await w.rooms.findForMember(room.id, room.ownerId))?.inMeeting).toEqual(["Bob", "Ann"]);
    const participants = await w.rooms.listParticipants(room.id, 10);
    expect(participants.filter((p) => p.inMeeting).map((p) => p.name)).toEqual(["Ann", "Bob"]);
    const [listed] = await w.rooms.listForUser(room.ownerId, { limit: 10 });
    expect(listed).toMatchObject({ id: room.id, memberCount: 4, inMeetingCount: 2 });
  });

  it("lists a user's rooms most recently active first, with counts, role and last post, paged by keyset", async () => {
    const w = world();
    const me = await w.newUser();
    const owned = await w.newRoom({ ownerId: me.id, name: "Owned" });
    const other = await w.newRoom({ name: "Joined" });
    await addMember(w, other.id, "Helper");
    await w.transaction((tx) =>
      w.participants.add({ roomId: other.id, userId: me.id, email: me.email, name: me.name, role: "moderator" }, tx),
    );
    const notMine = await w.newRoom({ name: "Not mine" });
    await w.rooms.touch(owned.id, at(10));
    await w.rooms.touch(other.id, at(20));
    await w.rooms.touch(notMine.id, at(30));
    await w.posts.create({ roomId: other.id, creatorId: me.id, message: "hi", createdAt: at(15) });

    const all = await w.rooms.listForUser(me.id, { limit: 10 });
    expect(all.map((r) => [r.name, r.role, r.memberCount])).toEqual([
      ["Joined", "moderator", 3],
      ["Owned", "owner", 1],
    ]);
    expect(all[0]!.lastPostAt).toEqual(at(15));
    expect(all[1]!.lastPostAt).toBeNull();

    const [first] = await w.rooms.listForUser(me.id, { limit: 1 });
    expect(first?.name).toBe("Joined");
    const rest = await w.rooms.listForUser(me.id, { limit: 10, after: { lastActivityAt: first!.lastActivityAt, id: first!.id } });
    expect(rest.map((r) => r.name)).toEqual(["Owned"]);
  });

  it("searches name and description ignoring case, with % and _ taken literally", async () => {
    const w = world();
    const me = await w.newUser();
    await w.newRoom({ ownerId: me.id, name: "Design review", description: null });
    await w.newRoom({ ownerId: me.id, name: "Standup", description: "daily DESIGN sync" });
    await w.newRoom({ ownerId: me.id, name: "100% done_", description: null });
    const names = async (q: string) => (await w.rooms.listForUser(me.id, { q, limit: 10 })).map((r) => r.name).sort();

    expect(await names("design")).toEqual(["Design review", "Standup"]);
    expect(await names("0%")).toEqual(["100% done_"]);
    expect(await names("e_")).toEqual(["100% done_"]);
    expect(await names("%")).toEqual(["100% done_"]);
  });

  it("renames, moves activity only forwards, and deletes", async () => {
    const w = world();
    const room = await w.newRoom();
    await w.rooms.update(room.id, { name: "Renamed", description: "New" }, at(5));
    await w.rooms.touch(room.id, at(40));
    await w.rooms.touch(room.id, at(30));
    expect((await w.rooms.findForMember(room.id, room.ownerId))?.room).toMatchObject({
      name: "Renamed",
      description: "New",
      lastActivityAt: at(40),
    });
    await w.rooms.delete(room.id);
    expect(await w.rooms.findForMember(room.id, room.ownerId)).toBeNull();
    expect(await w.rooms.listForUser(room.ownerId, { limit: 10 })).toEqual([]);
  });

  it("lists participants owner first then by name, up to the limit, with their latest invitation", async () => {
    const w = world();
    const room = await w.newRoom();
    const owner = (await w.users.findById(room.ownerId))!;
    const zed = await addMember(w, room.id, "Zed");
    const guestId = await w.transaction((tx) =>
      w.participants.add({ roomId: room.id, email: "amy.guest@example.test", name: "Amy", role: "participant" }, tx),
    );
    const invite = (createdAt: Date, expiresAt: Date) =>
      w.transaction((tx) =>
        w.invites.create(
          {
            roomId: room.id,
            inviterId: owner.id,
            participantId: guestId,
            email: "amy.guest@example.test",
            name: "Amy",
            tokenHash: crypto.randomUUID().replace(/-/g, "").padEnd(64, "0"),
            createdAt,
            expiresAt,
          },
          tx,
        ),
      );
    await invite(at(1), at(50));
    await w.transaction((tx) => w.invites.revokePending(guestId, tx));
    await invite(at(2), at(55));

    const listed = await w.rooms.listParticipants(room.id, 10);
    expect(listed.map((p) => [p.name, p.role, p.inviteStatus, p.inviteExpiresAt, p.deliveryStatus, p.inMeeting])).toEqual([
      [owner.name, "owner", null, null, null, false],
      ["Amy", "participant", "pending", at(55), null, false],
      ["Zed", "participant", null, null, null, false],
    ]);
    expect(listed[2]).toMatchObject({ id: zed.participantId, userId: zed.user.id, email: zed.user.email });
    expect((await w.rooms.listParticipants(room.id, 2)).map((p) => p.name)).toEqual([owner.name, "Amy"]);
  });
});
