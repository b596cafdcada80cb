import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createParticipantsRepository, type ParticipantsRepository } from "../../server/repositories/participants";
import { createRoomsRepository } from "../../server/repositories/rooms";
import type { TransactionRunner } from "../../server/repositories/transaction";
import { immediateTransaction, inMemoryParticipants, inMemoryRooms } from "../support/in-memory";
import { createTestClock } from "../support/test-clock";
import { signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";

/** What the contract needs from each implementation: the repository, rooms and accounts to point at, transactions. */
interface Subject {
  participants: ParticipantsRepository;
  transaction: TransactionRunner;
  newRoom(): Promise<string>;
  newUserId(): Promise<string>;
}

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

function postgres(): Subject {
  const rooms = createRoomsRepository(runtime.sequelize);
  const newUserId = async () => (await signUpTestUser(runtime, { prefix: "pc" })).id;
  return {
    participants: createParticipantsRepository(runtime.sequelize),
    transaction: (work) => runtime.sequelize.transaction(work),
    newUserId,
    async newRoom() {
      const ownerId = await newUserId();
      const room = await runtime.sequelize.transaction((tx) =>
        rooms.create({ name: "Contract", description: null, ownerId, livekitRoomName: (id) => `parley-${id}` }, tx),
      );
      return room.id;
    },
  };
}

function inMemory(): Subject {
  const rooms = inMemoryRooms();
  return {
    participants: inMemoryParticipants(rooms, createTestClock()),
    transaction: immediateTransaction,
    newUserId: async () => crypto.randomUUID(),
    async newRoom() {
      const room = await immediateTransaction((tx) =>
        rooms.create({ name: "Contract", description: null, ownerId: crypto.randomUUID(), livekitRoomName: (id) => `parley-${id}` }, tx),
      );
      return room.id;
    },
  };
}

let n = 0;
const guest = () => ({ email: `guest${++n}.${Date.now().toString(36)}@example.test`, name: `Guest ${n}`, role: "participant" as const });

describe.each([
  ["PostgreSQL", postgres],
  ["in memory", inMemory],
])("participants repository (%s)", (_name, make) => {
  let s: Subject;
  let roomId: string;
  beforeEach(async () => {
    s = make();
    roomId = await s.newRoom();
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
    expect(await s.participants.find(await s.newRoom(), id)).toBeNull();
  });

  it("refuses a second row with the same address in a room, and an address not in lower case", async () => {
    const person = guest();
    await add(person);
    await expect(add(person)).rejects.toThrow();
    await expect(add({ ...guest(), email: "Upper@Example.test" })).rejects.toThrow();
    await add(person, await s.newRoom());
  });

  it("says which addresses are already in the room", async () => {
    const [a, b] = [guest(), guest()];
    await add(a);
    expect(await s.participants.existingEmails(roomId, [a.email, b.email])).toEqual([a.email]);
    expect(await s.participants.existingEmails(roomId, [])).toEqual([]);
  });

  it("links a guest to an account once, and removes only unlinked rows on decline", async () => {
    const [first, second] = [await s.newUserId(), await s.newUserId()];
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
    const userId = await s.newUserId();
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
    const otherRoom = await s.newRoom();
    expect(await presence((p, tx) => p.markJoined({ roomId: otherRoom, identity: guestId, sid: "PA_5", at }, tx))).toBe(false);
    expect(await presence((p, tx) => p.clearMeeting(roomId, tx))).toBe(true);
    expect(await presence((p, tx) => p.clearMeeting(roomId, tx))).toBe(false);
    expect(await presence((p, tx) => p.markLeft({ roomId, identity: guestId, sid: "PA_3" }, tx))).toBe(false);
  });
});
