import { describe, expect, it } from "vitest";
import { recordingLiveKit } from "../../tests/support/fake-livekit";
import {
  immediateTransaction,
  inMemoryInvites,
  inMemoryParticipants,
  inMemoryPosts,
  inMemoryRateCounters,
  inMemoryRooms,
  recordingOutbox,
  silentLogger,
} from "../../tests/support/in-memory";
import { createTestClock, DAY, HOUR } from "../../tests/support/test-clock";
import { INVITE_TTL_DAYS } from "./invite-expiry";
import { RECEIVED_INVITES_LIMIT, createParticipantsService } from "./participants";
import { createRateLimiter } from "./rate-limits";
import { createRoomsService } from "./rooms";
import { hashLinkToken } from "./tokens";

const APP_URL = "http://parley.test";
const origin = { ip: "192.0.2.1" };
const user = (name: string, emailVerified = true) => ({
  id: crypto.randomUUID(),
  username: name.toLowerCase(),
  email: `${name.toLowerCase()}@example.test`,
  name,
  emailVerified,
});

function setup() {
  const clock = createTestClock();
  const rooms = inMemoryRooms();
  const posts = inMemoryPosts(rooms);
  const invites = inMemoryInvites(rooms);
  const people = inMemoryParticipants(rooms, clock);
  const outbox = recordingOutbox();
  const livekit = recordingLiveKit();
  const rateLimiter = createRateLimiter(inMemoryRateCounters(clock));
  const roomsService = createRoomsService({
    rooms,
    participants: people,
    posts,
    livekit,
    rateLimiter,
    transaction: immediateTransaction,
    clock,
    logger: silentLogger,
  });
  const participants = createParticipantsService({
    invites,
    participants: people,
    roomsService,
    outbox,
    livekit,
    rateLimiter,
    transaction: immediateTransaction,
    clock,
    logger: silentLogger,
    appUrl: APP_URL,
  });
  return { clock, rooms, invites, outbox, livekit, roomsService, participants };
}

describe("participants service", () => {
  it("invites each row by email with a join link for that room, storing only the token's hash, valid 7 days", async () => {
    const s = setup();
    const owner = user("Owner");
    const room = await s.roomsService.create(owner, { name: "Team", description: null });
    await s.participants.add(
      owner,
      room.id,
      {
        rows: [
          { email: "a@example.test", name: "A" },
          { email: "b@example.test", name: "B" },
        ],
      },
      origin,
    );
    expect(s.outbox.sent.map((m) => m.to.email)).toEqual(["a@example.test", "b@example.test"]);
    const token = new URL(/https?:\/\/\S+/.exec(s.outbox.sent[0]!.text)![0]).searchParams.get("token")!;
    expect(s.outbox.sent[0]!.text).toContain(`${APP_URL}/room/${room.id}/join?token=`);
    expect(s.invites.invites[0]!.tokenHash).toBe(hashLinkToken(token));
    expect(s.invites.invites[0]!.expiresAt.getTime() - s.clock.now().getTime()).toBe(INVITE_TTL_DAYS * DAY);
    expect(s.invites.invites.every((i) => i.outboxId)).toBe(true);
  });

  it("reports people already in the room on their row and adds nobody", async () => {
    const s = setup();
    const owner = user("Owner");
    const room = await s.roomsService.create(owner, { name: "Team", description: null });
    const error = await s.participants
      .add(
        owner,
        room.id,
        {
          rows: [
            { email: "new@example.test", name: "N" },
            { email: owner.email, name: "Me" },
          ],
        },
        origin,
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "validation", fields: { "rows[1].email": [expect.any(String)] } });
    expect(s.outbox.sent).toHaveLength(0);
    expect(s.invites.invites).toHaveLength(0);
  });

  it("lets owners and moderators add people; others are refused; strangers see no room", async () => {
    const s = setup();
    const owner = user("Owner");
    const moderator = user("Moderator");
    const member = user("Member");
    const room = await s.roomsService.create(owner, { name: "Team", description: null });
    s.rooms.members.push(
      { roomId: room.id, userId: moderator.id, role: "moderator" } as never,
      { roomId: room.id, userId: member.id, role: "participant" } as never,
    );
    await expect(s.participants.add(moderator, room.id, { rows: [{ email: "x@example.test", name: "X" }] }, origin)).resolves.toMatchObject(
      {
        added: 1,
      },
    );
    await expect(s.participants.add(member, room.id, { rows: [{ email: "y@example.test", name: "Y" }] }, origin)).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(
      s.participants.add(user("Stranger"), room.id, { rows: [{ email: "z@example.test", name: "Z" }] }, origin),
    ).rejects.toMatchObject({ kind: "not-found" });
  });

  it("removing: owner only, never the owner, and out of a running meeting (LiveKit down does not stop it)", async () => {
    const s = setup();
    const owner = user("Owner");
    const member = user("Member");
    const room = await s.roomsService.create(owner, { name: "Team", description: null });
    await s.participants.add(owner, room.id, { rows: [{ email: member.email, name: member.name }] }, origin);
    const [invite] = await s.participants.listReceived(member);
    await s.participants.accept(member, invite!.id);
    const rows = await s.roomsService.listMembers(owner.id, room.id);
    const ownerRow = rows.find((r) => r.role === "owner")!;
    const memberRow = rows.find((r) => r.userId === member.id)!;
    await expect(s.participants.remove(owner.id, room.id, ownerRow.id)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(s.participants.remove(member.id, room.id, ownerRow.id)).rejects.toMatchObject({ kind: "forbidden" });
    s.livekit.down = true;
    await s.participants.remove(owner.id, room.id, memberRow.id);
    expect(s.livekit.calls).toContain(`removeParticipant parley-${room.id} ${member.id}`);
    await expect(s.roomsService.getForMember(member.id, room.id)).rejects.toMatchObject({ kind: "not-found" });
  });

  it("accepting needs the invited address and an unexpired invitation", async () => {
    const s = setup();
    const owner = user("Owner");
    const invitee = user("Invitee");
    const room = await s.roomsService.create(owner, { name: "Team", description: null });
    await s.participants.add(owner, room.id, { rows: [{ email: invitee.email, name: invitee.name }] }, origin);
    const [invite] = await s.participants.listReceived(invitee);
    await expect(s.participants.accept(user("Someone"), invite!.id)).rejects.toMatchObject({ kind: "not-found" });
    s.clock.advance(INVITE_TTL_DAYS * DAY + 1000);
    await expect(s.participants.accept(invitee, invite!.id)).rejects.toMatchObject({ kind: "validation" });
    expect(await s.participants.countReceived(invitee)).toBe(0);
  });

  it("lists and counts at most RECEIVED_INVITES_LIMIT received invitations", async () => {
    const s = setup();
    const invitee = user("Popular");
    const expiresAt = new Date(s.clock.now().getTime() + DAY);
    for (let i = 0; i <= RECEIVED_INVITES_LIMIT; i++) {
      const invite = {
        roomId: crypto.randomUUID(),
        inviterId: crypto.randomUUID(),
        participantId: crypto.randomUUID(),
        tokenHash: `${i}`,
        createdAt: s.clock.now(),
        expiresAt,
      };
      await s.invites.create({ ...invite, email: invitee.email, name: invitee.name }, undefined as never);
    }
    expect(RECEIVED_INVITES_LIMIT).toBe(200);
    expect(await s.participants.listReceived(invitee)).toHaveLength(RECEIVED_INVITES_LIMIT);
    expect(await s.participants.countReceived(invitee)).toBe(RECEIVED_INVITES_LIMIT);
  });

  it("an account whose address is not proven sees, counts, accepts and declines no invitation by address", async () => {
    const s = setup();
    const owner = user("Owner");
    const room = await s.roomsService.create(owner, { name: "Private", description: null });
    await s.participants.add(owner, room.id, { rows: [{ email: "alice@example.test", name: "Alice" }] }, origin);
    const squatter = { ...user("Alice", false), email: "alice@example.test" };
    expect(await s.participants.listReceived(squatter)).toEqual([]);
    expect(await s.participants.countReceived(squatter)).toBe(0);
    const inviteId = s.invites.invites[0]!.id;
    await expect(s.participants.accept(squatter, inviteId)).rejects.toMatchObject({ kind: "not-found" });
    await expect(s.participants.decline(squatter, inviteId)).rejects.toMatchObject({ kind: "not-found" });
    await expect(s.roomsService.getForMember(squatter.id, room.id)).rejects.toMatchObject({ kind: "not-found" });
    // Once the same address is proven, the invitation is theirs.
    const alice = { ...squatter, emailVerified: true };
    expect(await s.participants.countReceived(alice)).toBe(1);
    await s.participants.accept(alice, inviteId);
    await expect(s.roomsService.getForMember(alice.id, room.id)).resolves.toBeTruthy();
  });

  it("limits how many invitation batches one person sends in an hour", async () => {
    const s = setup();
    const owner = user("Owner");
    const room = await s.roomsService.create(owner, { name: "Team", description: null });
    for (let i = 0; i < 30; i++)
      await s.participants.add(owner, room.id, { rows: [{ email: `p${i}@example.test`, name: `P${i}` }] }, origin);
    await expect(
      s.participants.add(owner, room.id, { rows: [{ email: "late@example.test", name: "Late" }] }, origin),
    ).rejects.toMatchObject({ kind: "rate-limited" });
  });

  it("an address gets at most 5 invitations an hour, across rooms and inviters; the 6th is refused before anything is written or emailed", async () => {
    const s = setup();
    const target = { email: "target@example.test", name: "Target" };
    for (let i = 0; i < 5; i++) {
      const inviter = user(`Inviter${i}`);
      const room = await s.roomsService.create(inviter, { name: `Room ${i}`, description: null });
      await s.participants.add(inviter, room.id, { rows: [target] }, { ip: `192.0.2.${i + 10}` });
    }
    const inviter = user("Sixth");
    const room = await s.roomsService.create(inviter, { name: "Room 6", description: null });
    const refused = await s.participants
      .add(inviter, room.id, { rows: [{ email: "other@example.test", name: "Other" }, target] }, { ip: "192.0.2.99" })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "rate-limited", retryAfterSeconds: expect.any(Number) });
    expect(s.outbox.sent).toHaveLength(5);
    expect(s.invites.invites).toHaveLength(5);
    expect(s.rooms.members.filter((m) => m.roomId === room.id)).toHaveLength(1);
    s.clock.advance(HOUR);
    await expect(s.participants.add(inviter, room.id, { rows: [target] }, { ip: "192.0.2.99" })).resolves.toMatchObject({ added: 1 });
  });

  it("one IP sends at most 200 invitation emails an hour, whoever is signed in", async () => {
    const s = setup();
    const batch = (n: number) => ({ rows: Array.from({ length: 50 }, (_, i) => ({ email: `p${n}.${i}@example.test`, name: `P${i}` })) });
    for (let n = 0; n < 4; n++) {
      const inviter = user(`Batch${n}`);
      const room = await s.roomsService.create(inviter, { name: `Room ${n}`, description: null });
      await s.participants.add(inviter, room.id, batch(n), { ip: "198.51.100.5" });
    }
    const inviter = user("Batch4");
    const room = await s.roomsService.create(inviter, { name: "Room 4", description: null });
    await expect(
      s.participants.add(inviter, room.id, { rows: [{ email: "one.more@example.test", name: "One" }] }, { ip: "198.51.100.5" }),
    ).rejects.toMatchObject({ kind: "rate-limited" });
    expect(s.outbox.sent).toHaveLength(200);
    await expect(
      s.participants.add(inviter, room.id, { rows: [{ email: "one.more@example.test", name: "One" }] }, { ip: "198.51.100.6" }),
    ).resolves.toMatchObject({ added: 1 });
  });

  it("resending counts against the address and the IP too: no 6th email to one address in an hour", async () => {
    const s = setup();
    const owner = user("Owner");
    const room = await s.roomsService.create(owner, { name: "Team", description: null });
    await s.participants.add(owner, room.id, { rows: [{ email: "again@example.test", name: "Again" }] }, origin);
    const row = (await s.roomsService.listMembers(owner.id, room.id)).find((r) => r.email === "again@example.test")!;
    for (let i = 0; i < 4; i++) await s.participants.resendInvite(owner, room.id, row.id, { ip: `203.0.113.${i}` });
    await expect(s.participants.resendInvite(owner, room.id, row.id, { ip: "203.0.113.50" })).rejects.toMatchObject({
      kind: "rate-limited",
    });
    expect(s.outbox.sent).toHaveLength(5);
    expect(s.invites.invites.filter((i) => i.status === "pending")).toHaveLength(1);
  });
});
