import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashLinkToken } from "../../server/services/tokens";
import { recordingLiveKit } from "../support/fake-livekit";
import { DAY } from "../support/test-clock";
import { queryRows, signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";

const livekit = recordingLiveKit();
let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ livekit });
});
afterAll(async () => {
  await runtime?.close();
});

const services = () => runtime.container.services;

const newUser = (email?: string, verified = true) => signUpTestUser(runtime, { prefix: "p", email, verified });
const sql = (text: string, replacements: Record<string, unknown> = {}) => queryRows(runtime, text, replacements);

const person = (n: number) => ({ email: `guest${n}.${Date.now().toString(36)}@example.test`, name: `Guest ${n}` });

describe("adding participants", () => {
  it("adds every row with a hashed invite token and an invite email in the outbox, in one transaction", async () => {
    const owner = await newUser();
    const room = await services().rooms.create(owner, { name: "Team", description: null });
    const rows = [person(1), person(2), person(3)];
    const result = await services().participants.add(owner, room.id, { rows }, { ip: "127.0.0.1" });
    expect(result.added).toBe(3);
    // Each link comes back once, in the clear (the owner may share it by hand); only its hash is stored.
    for (const invitation of result.invitations) {
      expect(invitation.inviteUrl).toBe(`${runtime.config.appUrl}/room/${room.id}/join?token=${invitation.inviteToken}`);
      const [stored] = await sql("select token_hash, row_to_json(invites)::text as whole from invites where participant_id = :id", {
        id: invitation.participantId,
      });
      expect(stored!.token_hash).toBe(hashLinkToken(invitation.inviteToken));
      expect(stored!.whole).not.toContain(invitation.inviteToken);
    }

    const invites = await sql(
      "select invitee_email, token_hash, status, expires_at, outbox_id from invites where room_id = :roomId order by invitee_email",
      { roomId: room.id },
    );
    expect(invites).toHaveLength(3);
    for (const invite of invites) {
      expect(invite.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(invite.status).toBe("pending");
      expect(invite.outbox_id).toBeTruthy();
    }
    const emails = await sql("select to_email, subject, text_body from email_outbox where kind = 'room-invite' and to_email in (:emails)", {
      emails: rows.map((r) => r.email),
    });
    expect(emails).toHaveLength(3);
    const token = /join\?token=([\w-]+)/.exec(String(emails[0]!.text_body))![1]!;
    expect(String(emails[0]!.text_body)).toContain(`${runtime.config.appUrl}/room/${room.id}/join?token=`);
    expect(await sql("select 1 from invites where token_hash = :hash", { hash: hashLinkToken(token) })).toHaveLength(1);
    expect(await sql("select 1 from invites where token_hash = :token", { token })).toHaveLength(0);
  });

  it("saves nothing when one row names someone already in the room, and says which row", async () => {
    const owner = await newUser();
    const room = await services().rooms.create(owner, { name: "Strict", description: null });
    const error = await services()
      .participants.add(owner, room.id, { rows: [person(4), { email: owner.email, name: "Me" }] }, { ip: "127.0.0.1" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "validation", fields: { "rows[1].email": [expect.stringContaining("already in the room")] } });
    expect(await sql("select 1 from room_participants where room_id = :roomId", { roomId: room.id })).toHaveLength(1);
    expect(await sql("select 1 from invites where room_id = :roomId", { roomId: room.id })).toHaveLength(0);
  });

  it("is for the owner (and moderators) only; a plain member gets forbidden, a stranger not-found", async () => {
    const owner = await newUser();
    const member = await newUser();
    const stranger = await newUser();
    const room = await services().rooms.create(owner, { name: "Guarded", description: null });
    await services().participants.add(owner, room.id, { rows: [{ email: member.email, name: member.name }] }, { ip: "127.0.0.1" });
    const [invite] = await services().participants.listReceived(member);
    await services().participants.accept(member, invite!.id);
    await expect(services().participants.add(member, room.id, { rows: [person(5)] }, { ip: "127.0.0.1" })).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(services().participants.add(stranger, room.id, { rows: [person(6)] }, { ip: "127.0.0.1" })).rejects.toMatchObject({
      kind: "not-found",
    });
  });
});

describe("invitations", () => {
  it("the squatter attack: an account that only typed the invited address gets nothing by address", async () => {
    const owner = await newUser();
    const alice = `alice.${Date.now().toString(36)}@corp.example`;
    const room = await services().rooms.create(owner, { name: "Private", description: null });
    await services().participants.add(owner, room.id, { rows: [{ email: alice, name: "Alice" }] }, { ip: "127.0.0.1" });
    const squatter = await newUser(alice, false);

    expect(await services().participants.listReceived(squatter)).toEqual([]);
    expect(await services().participants.countReceived(squatter)).toBe(0);
    const [invite] = await sql("select id from invites where room_id = :roomId", { roomId: room.id });
    await expect(services().participants.accept(squatter, String(invite!.id))).rejects.toMatchObject({ kind: "not-found" });
    await expect(services().participants.decline(squatter, String(invite!.id))).rejects.toMatchObject({ kind: "not-found" });
    await expect(services().rooms.getForMember(squatter.id, room.id)).rejects.toMatchObject({ kind: "not-found" });
    expect(await sql("select status from invites where id = :id", { id: invite!.id })).toEqual([{ status: "pending" }]);
  });

  it("show on the invitee's My invites; accepting puts the room in their rooms, for that room only", async () => {
    const owner = await newUser();
    const invitee = await newUser();
    const roomA = await services().rooms.create(owner, { name: "Room A", description: null });
    const roomB = await services().rooms.create(owner, { name: "Room B", description: null });
    await services().participants.add(owner, roomA.id, { rows: [{ email: invitee.email, name: "Invitee" }] }, { ip: "127.0.0.1" });

    const received = await services().participants.listReceived(invitee);
    expect(received).toMatchObject([{ roomId: roomA.id, roomName: "Room A", inviterName: owner.name, expired: false }]);
    expect(await services().participants.countReceived(invitee)).toBe(1);
    await services().participants.accept(invitee, received[0]!.id);

    expect((await services().rooms.listMine(invitee.id)).rooms.map((r) => r.name)).toEqual(["Room A"]);
    await expect(services().rooms.getForMember(invitee.id, roomB.id)).rejects.toMatchObject({ kind: "not-found" });
    await expect(services().participants.accept(invitee, received[0]!.id)).rejects.toMatchObject({ kind: "not-found" });
  });

  it("cannot be accepted by someone else, nor once expired; declining removes it", async () => {
    const owner = await newUser();
    const invitee = await newUser();
    const other = await newUser();
    const room = await services().rooms.create(owner, { name: "Picky", description: null });
    await services().participants.add(owner, room.id, { rows: [{ email: invitee.email, name: "Invitee" }] }, { ip: "127.0.0.1" });
    const [invite] = await services().participants.listReceived(invitee);
    await expect(services().participants.accept(other, invite!.id)).rejects.toMatchObject({ kind: "not-found" });

    runtime.clock.advance(8 * DAY);
    try {
      expect((await services().participants.listReceived(invitee))[0]!.expired).toBe(true);
      await expect(services().participants.accept(invitee, invite!.id)).rejects.toMatchObject({ kind: "validation" });
    } finally {
      runtime.clock.advance(-8 * DAY);
    }
    await services().participants.decline(invitee, invite!.id);
    expect(await services().participants.listReceived(invitee)).toEqual([]);
    expect(
      await sql("select 1 from room_participants where room_id = :roomId and email = :email", { roomId: room.id, email: invitee.email }),
    ).toHaveLength(0);
  });
});

describe("invitation expiry", () => {
  it("is one rule on the injected clock: expired from the instant it expires, on every page", async () => {
    const owner = await newUser();
    const invitee = await newUser();
    const room = await services().rooms.create(owner, { name: "Deadline", description: null });
    await services().participants.add(owner, room.id, { rows: [{ email: invitee.email, name: "Invitee" }] }, { ip: "127.0.0.1" });
    const [row] = await sql("select expires_at from invites where room_id = :roomId", { roomId: room.id });
    const [email] = await sql("select text_body from email_outbox where kind = 'room-invite' and to_email = :email", {
      email: invitee.email,
    });
    const token = /join\?token=([\w-]+)/.exec(String(email!.text_body))![1]!;
    const expiresAt = new Date(row!.expires_at as Date);
    const seenAt = async (at: Date) => {
      runtime.clock.set(at);
      const members = await services().rooms.listMembers(owner.id, room.id);
      return {
        received: (await services().participants.listReceived(invitee)).map((invite) => invite.expired),
        count: await services().participants.countReceived(invitee),
        member: members.find((m) => m.email === invitee.email)!.inviteStatus,
        link: (await services().meetings.openInviteLink(room.id, token, invitee)).state,
      };
    };
    const start = runtime.clock.now();
    try {
      expect(await seenAt(new Date(expiresAt.getTime() - 1))).toEqual({ received: [false], count: 1, member: "pending", link: "open" });
      expect(await seenAt(expiresAt)).toEqual({ received: [true], count: 0, member: "expired", link: "expired" });
      const [invite] = await services().participants.listReceived(invitee);
      await expect(services().participants.accept(invitee, invite!.id)).rejects.toMatchObject({ kind: "validation" });
    } finally {
      runtime.clock.set(start);
    }
  });
});

describe("removing a participant", () => {
  it("is owner-only, never the owner, takes effect at once and takes them out of a running meeting", async () => {
    const owner = await newUser();
    const member = await newUser();
    const room = await services().rooms.create(owner, { name: "Exit", description: null });
    await services().participants.add(owner, room.id, { rows: [{ email: member.email, name: member.name }] }, { ip: "127.0.0.1" });
    const [invite] = await services().participants.listReceived(member);
    await services().participants.accept(member, invite!.id);
    const members = await services().rooms.listMembers(owner.id, room.id);
    const memberRow = members.find((m) => m.userId === member.id)!;
    const ownerRow = members.find((m) => m.role === "owner")!;

    await expect(services().participants.remove(member.id, room.id, ownerRow.id)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(services().participants.remove(owner.id, room.id, ownerRow.id)).rejects.toMatchObject({ kind: "forbidden" });
    await services().participants.remove(owner.id, room.id, memberRow.id);
    await expect(services().rooms.getForMember(member.id, room.id)).rejects.toMatchObject({ kind: "not-found" });
    expect(livekit.calls).toContain(`removeParticipant parley-${room.id} ${member.id}`);
  });

  it("resending an invite voids the old link and sends a new one", async () => {
    const owner = await newUser();
    const room = await services().rooms.create(owner, { name: "Again", description: null });
    const guest = person(7);
    await services().participants.add(owner, room.id, { rows: [guest] }, { ip: "127.0.0.1" });
    const [row] = (await services().rooms.listMembers(owner.id, room.id)).filter((m) => m.email === guest.email);
    runtime.clock.advance(1000);
    await services().participants.resendInvite(owner, room.id, row!.id, { ip: "127.0.0.1" });
    const statuses = (await sql("select status from invites where invitee_email = :email order by created_at", { email: guest.email })).map(
      (r) => r.status,
    );
    expect(statuses).toEqual(["revoked", "pending"]);
    expect(await sql("select 1 from email_outbox where to_email = :email", { email: guest.email })).toHaveLength(2);
  });
});
