import { expect, it } from "vitest";
import { describeRepositoryContract, type RepositoryWorld } from "../support/repository-contract";

const at = (minute: number) => new Date(Date.UTC(2030, 4, 6, 7, minute));

async function roomWithMember(w: RepositoryWorld) {
  const room = await w.newRoom({ name: "Unread" });
  const reader = await w.newUser("Reader");
  await w.transaction((tx) =>
    w.participants.add({ roomId: room.id, userId: reader.id, email: reader.email, name: reader.name, role: "participant" }, tx),
  );
  return { room, owner: room.ownerId, reader: reader.id };
}

const post = (w: RepositoryWorld, roomId: string, creatorId: string, minute: number) =>
  w.posts.create({ roomId, creatorId, message: `at ${minute}`, createdAt: at(minute) });

const unreadOf = async (w: RepositoryWorld, userId: string, roomId: string, unreadCap?: number) =>
  (await w.rooms.listForUser(userId, { limit: 10, unreadCap })).find((room) => room.id === roomId)!.unreadCount;

describeRepositoryContract("read points", (world) => {
  it("count others' posts after the read point, not one's own nor deleted ones, up to the cap", async () => {
    const w = world();
    const { room, owner, reader } = await roomWithMember(w);
    expect(await unreadOf(w, reader, room.id)).toBe(0);
    const first = await post(w, room.id, owner, 1);
    await post(w, room.id, reader, 2);
    const deleted = await post(w, room.id, owner, 3);
    await w.posts.softDelete(deleted.id, at(4));
    await post(w, room.id, owner, 5);
    expect(await unreadOf(w, reader, room.id)).toBe(2);
    expect(await unreadOf(w, reader, room.id, 1)).toBe(1);
    // The owner's read point is null (the room was empty when they joined): only the reader's post is new to them.
    expect(await unreadOf(w, owner, room.id)).toBe(1);

    expect(await w.participants.markRead(room.id, reader, first.id)).toEqual({ readPoint: { at: at(1), postId: first.id } });
    expect(await unreadOf(w, reader, room.id)).toBe(1);
  });

  it("move the read point forward only, to a post of the room or its newest", async () => {
    const w = world();
    const { room, owner, reader } = await roomWithMember(w);
    const early = await post(w, room.id, owner, 1);
    const late = await post(w, room.id, owner, 2);
    expect(await w.participants.markRead(room.id, reader, late.id)).toEqual({ readPoint: { at: at(2), postId: late.id } });
    expect(await w.participants.markRead(room.id, reader, early.id)).toEqual({ readPoint: { at: at(2), postId: late.id } });
    const newest = await post(w, room.id, owner, 3);
    expect(await w.participants.markRead(room.id, reader, null)).toEqual({ readPoint: { at: at(3), postId: newest.id } });

    const other = await w.newRoom({ name: "Elsewhere", ownerId: owner });
    const elsewhere = await post(w, other.id, owner, 9);
    expect(await w.participants.markRead(room.id, reader, elsewhere.id)).toBeNull();
    expect(await w.participants.markRead(other.id, reader, null)).toBeNull();
  });

  it("opening the room as its member marks it read in the same call and tells where the reading had stopped", async () => {
    const w = world();
    const { room, owner, reader } = await roomWithMember(w);
    const first = await post(w, room.id, owner, 1);
    await w.participants.markRead(room.id, reader, first.id);
    const second = await post(w, room.id, owner, 2);

    expect((await w.rooms.findForMember(room.id, reader))?.readPoint).toEqual({ at: at(1), postId: first.id });
    expect((await w.rooms.findForMember(room.id, reader, { markRead: true }))?.readPoint).toEqual({ at: at(1), postId: first.id });
    expect((await w.rooms.findForMember(room.id, reader))?.readPoint).toEqual({ at: at(2), postId: second.id });
    expect(await unreadOf(w, reader, room.id)).toBe(0);
  });

  it("a newcomer starts with what was said before they came read", async () => {
    const w = world();
    const room = await w.newRoom({ name: "History" });
    const before = await post(w, room.id, room.ownerId, 1);
    const late = await w.newUser("Late");
    await w.transaction((tx) =>
      w.participants.add({ roomId: room.id, userId: late.id, email: late.email, name: late.name, role: "participant" }, tx),
    );
    expect((await w.rooms.findForMember(room.id, late.id))?.readPoint).toEqual({ at: at(1), postId: before.id });
    expect(await unreadOf(w, late.id, room.id)).toBe(0);
  });
});
