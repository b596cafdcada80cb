import { beforeEach, expect, it } from "vitest";
import type { ParticipantsRepository } from "../../server/repositories/participants";
import type { TransactionRunner } from "../../server/repositories/transaction";
import { describeRepositoryContract, type RepositoryWorld } from "../support/repository-contract";

let n = 0;
const guest = () => ({ email: `guest${++n}.${Date.now().toString(36)}@example.test`, name: `Guest ${n}`, role: "participant" as const });

describeRepositoryContract("participants repository", (world) => {
  let s: RepositoryWorld;
  let roomId: string;
  beforeEach(async () => {
    s = world();
    roomId = (await s.newRoom()).id;
  });
  const add = (person = guest(), room = roomId) => s.transaction((tx) => s.participants.add({ roomId: room, ...person }, tx));

  it("adds a person and finds them in that room only", async () => {
    const person = guest();
    const id = await add(person);
    expect(await s.participants.find(roomId, id)).toMatchObject({
      id,
      userId: null,
      email: person.email,
      name: person.name,
      role: "participant",
      joinedAt: null,
    });
    expect(await s.participants.find((await s.newRoom()).id, id)).toBeNull();
  });

  it("refuses a second row with the same address in a room, and an address not in lower case", async () => {
    const person = guest();
    await add(person);
    await expect(add(person)).rejects.toThrow();
    await expect(add({ ...guest(), email: "Upper@Example.test" })).rejects.toThrow();
    await add(person, (await s.newRoom()).id);
  });

  it("says which addresses are already in the room", async () => {
    const [a, b] = [guest(), guest()];
    await add(a);
    expect(await s.participants.existingEmails(roomId, [a.email, b.email])).toEqual([a.email]);
    expect(await s.participants.existingEmails(roomId, [])).toEqual([]);
  });

  it("links a guest to an account once, and removes only unlinked rows on decline", async () => {
    const [first, second] = [(await s.newUser()).id, (await s.newUser()).id];
    const id = await add();
    await s.transaction((tx) => s.participants.linkToUser(id, first, tx));
    await s.transaction((tx) => s.participants.linkToUser(id, second, tx));
    expect(await s.participants.find(roomId, id)).toMatchObject({ userId: first });
    await s.transaction((tx) => s.participants.removeUnlinked(id, tx));
    expect(await s.participants.find(roomId, id)).not.toBeNull();

    const unlinked = await add();
    await s.transaction((tx) => s.participants.removeUnlinked(unlinked, tx));
    expect(await s.participants.find(roomId, unlinked)).toBeNull();
  });

  it("removes a row", async () => {
    const id = await add();
    await s.participants.remove(id);
    expect(await s.participants.find(roomId, id)).toBeNull();
  });

  it("tracks meeting presence by user id or participant id; only the last connection may leave", async () => {
    const userId = (await s.newUser()).id;
    const member = await add();
    await s.transaction((tx) => s.participants.linkToUser(member, userId, tx));
    const guestId = await add();
    const at = new Date("2026-01-02T03:04:05Z");
    const later = new Date("2026-01-02T04:00:00Z");
    const presence = (work: (p: ParticipantsRepository, tx: Parameters<Parameters<TransactionRunner>[0]>[0]) => Promise<boolean>) =>
      s.transaction((tx) => work(s.participants, tx));

    expect(await presence((p, tx) => p.markJoined({ roomId, identity: userId, sid: "PA_1", at }, tx))).toBe(true);
    expect(await presence((p, tx) => p.markJoined({ roomId, identity: userId, sid: "PA_2", at: later }, tx))).toBe(true);
    expect((await s.participants.find(roomId, member))?.joinedAt).toEqual(at);
    expect(await presence((p, tx) => p.markLeft({ roomId, identity: userId, sid: "PA_1" }, tx))).toBe(false);
    expect(await presence((p, tx) => p.markLeft({ roomId, identity: userId, sid: "PA_2" }, tx))).toBe(true);

    expect(await presence((p, tx) => p.markJoined({ roomId, identity: guestId, sid: "PA_3", at }, tx))).toBe(true);
    expect(await presence((p, tx) => p.markJoined({ roomId, identity: "not-a-uuid", sid: "PA_4", at }, tx))).toBe(false);
    const otherRoom = (await s.newRoom()).id;
    expect(await presence((p, tx) => p.markJoined({ roomId: otherRoom, identity: guestId, sid: "PA_5", at }, tx))).toBe(false);
    // A finish stamped before someone joined is an older LiveKit room's: it leaves them in the newer meeting.
    const earlier = new Date(at.getTime() - 1000);
    expect(await presence((p, tx) => p.clearMeeting(roomId, earlier, tx))).toBe(false);
    expect(await presence((p, tx) => p.clearMeeting(roomId, at, tx))).toBe(true);
    expect(await presence((p, tx) => p.clearMeeting(roomId, at, tx))).toBe(false);
    expect(await presence((p, tx) => p.markLeft({ roomId, identity: guestId, sid: "PA_3" }, tx))).toBe(false);
  });
});
