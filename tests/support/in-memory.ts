import pino from "pino";
import type { Clock } from "../../server/clock";
import { ConflictError } from "../../server/errors";
import type { EmailOutbox, OutgoingEmail } from "../../server/email/outbox";
import type { JobQueue } from "../../server/jobs/queues";
import type { DevMailboxRepository } from "../../server/repositories/dev-mailbox";
import type { EmailToken, EmailVerificationTokensRepository } from "../../server/repositories/email-verification-tokens";
import type { PasswordResetTokensRepository } from "../../server/repositories/password-reset-tokens";
import type { SessionRecord, SessionsRepository } from "../../server/repositories/sessions";
import type { TransactionRunner, Tx } from "../../server/repositories/transaction";
import type { User, UsersRepository } from "../../server/repositories/users";
import type { RateLimitCounters } from "../../server/services/rate-limits";
import type { MentionsService } from "../../server/services/mentions";
import type { RoomEvent, RoomEvents } from "../../server/realtime/room-events";
import type { Invite, InvitesRepository } from "../../server/repositories/invites";
import type { ParticipantsRepository, ReadPoint } from "../../server/repositories/participants";
import { isUnreadFor } from "../../server/services/unread";
import type { MeetingAttendee, MeetingsRepository } from "../../server/repositories/meetings";
import type { Post, PostsRepository } from "../../server/repositories/posts";
import type { ParticipantRole, Room, RoomsRepository } from "../../server/repositories/rooms";

/** In-memory stand-ins for the repositories and providers, for unit tests of the services. */

export const silentLogger = pino({ level: "silent" });

export function inMemoryUsers(clock: Clock): UsersRepository & { all: User[] } {
  const all: User[] = [];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    all,
    async findById(id) {
      return all.find((u) => u.id === id) ?? null;
    },
    async findByEmail(email) {
      return all.find((u) => same(u.email, email)) ?? null;
    },
    async findTaken(email, username) {
      return { email: all.some((u) => same(u.email, email)), username: all.some((u) => same(u.username, username)) };
    },
    async create(user) {
      if (all.some((u) => same(u.email, user.email) || same(u.username, user.username))) {
        throw new ConflictError("Email or username already taken");
      }
      const now = clock.now();
      const created: User = {
        id: crypto.randomUUID(),
        ...user,
        emailVerifiedAt: null,
        lastLogin: null,
        isActive: true,
        mentionEmails: true,
        createdAt: now,
        updatedAt: now,
      };
      all.push(created);
      return created;
    },
    async recordLogin(id, at) {
      const user = all.find((u) => u.id === id);
      if (user) user.lastLogin = at;
    },
    async updateProfile(id, { name, username }, at) {
      if (all.some((u) => u.id !== id && same(u.username, username))) throw new ConflictError("Username already taken");
      const user = all.find((u) => u.id === id)!;
      Object.assign(user, { name, username, updatedAt: at });
      return user;
    },
    async setMentionEmails(id, on, at) {
      const user = all.find((u) => u.id === id);
      if (user) Object.assign(user, { mentionEmails: on, updatedAt: at });
    },
    async setPassword(id, passwordHash, at) {
      const user = all.find((u) => u.id === id);
      if (user) Object.assign(user, { passwordHash, updatedAt: at });
    },
    async markEmailVerified(id, email, at) {
      const user = all.find((u) => u.id === id && same(u.email, email));
      if (user) user.emailVerifiedAt ??= at;
      return Boolean(user);
    },
    async changeEmail(id, email, at) {
      if (all.some((u) => u.id !== id && same(u.email, email))) throw new ConflictError("Email already taken");
      const user = all.find((u) => u.id === id);
      if (user) Object.assign(user, { email: email.toLowerCase(), emailVerifiedAt: at, updatedAt: at });
    },
  };
}

export function inMemorySessions(users: { all: User[] }): SessionsRepository & { all: SessionRecord[] } {
  const all: SessionRecord[] = [];
  return {
    all,
    async create(session) {
      const record = { ...session, revokedAt: null };
      all.push(record);
      return record;
    },
    async findLive(id, now) {
      const session = all.find((s) => s.id === id && !s.revokedAt && s.expiresAt > now);
      const user = session && users.all.find((u) => u.id === session.userId && u.isActive);
      return session && user ? { session: { ...session }, user } : null;
    },
    async extend(id, expiresAt) {
      const session = all.find((s) => s.id === id && !s.revokedAt);
      if (session) session.expiresAt = expiresAt;
    },
    async revoke(id, at) {
      const session = all.find((s) => s.id === id && !s.revokedAt);
      if (session) session.revokedAt = at;
    },
    async revokeAllForUser(userId, at, options = {}) {
      const live = all.filter((s) => s.userId === userId && !s.revokedAt && s.id !== options.exceptId);
      for (const session of live) session.revokedAt = at;
      return live.length;
    },
    async countLive(userId, now) {
      return all.filter((s) => s.userId === userId && !s.revokedAt && s.expiresAt > now).length;
    },
  };
}

interface StoredToken {
  userId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export function inMemoryResetTokens(): PasswordResetTokensRepository & { all: StoredToken[] } {
  const all: StoredToken[] = [];
  return {
    all,
    async replaceForUser({ userId, tokenHash, createdAt, expiresAt }) {
      for (const token of all) if (token.userId === userId && !token.usedAt) token.usedAt = createdAt;
      all.push({ userId, tokenHash, createdAt, expiresAt, usedAt: null });
    },
    async isUsable(tokenHash, now) {
      return all.some((t) => t.tokenHash === tokenHash && !t.usedAt && t.expiresAt > now);
    },
    async consume(tokenHash, now) {
      const token = all.find((t) => t.tokenHash === tokenHash && !t.usedAt && t.expiresAt > now);
      if (!token) return null;
      token.usedAt = now;
      return token.userId;
    },
  };
}

export function inMemoryEmailTokens(): EmailVerificationTokensRepository & { all: Array<StoredToken & EmailToken> } {
  const all: Array<StoredToken & EmailToken> = [];
  const usable = (tokenHash: string, now: Date) => all.find((t) => t.tokenHash === tokenHash && !t.usedAt && t.expiresAt > now);
  return {
    all,
    async replaceForUser({ userId, email, purpose, tokenHash, createdAt, expiresAt }) {
      for (const token of all) if (token.userId === userId && token.purpose === purpose && !token.usedAt) token.usedAt = createdAt;
      all.push({ userId, email, purpose, tokenHash, createdAt, expiresAt, usedAt: null });
    },
    async findUsable(tokenHash, now) {
      const token = usable(tokenHash, now);
      return token ? { userId: token.userId, email: token.email, purpose: token.purpose } : null;
    },
    async consume(tokenHash, now) {
      const token = usable(tokenHash, now);
      if (!token) return null;
      token.usedAt = now;
      return { userId: token.userId, email: token.email, purpose: token.purpose };
    },
  };
}

/** Counters honouring points, window and block, on the given clock. */
export function inMemoryRateCounters(clock: Clock): RateLimitCounters {
  const counters = new Map<string, { points: number; resetAt: number; blockedUntil: number }>();
  const entry = (name: string, key: string, durationSeconds: number) => {
    const id = `${name}:${key}`;
    const now = clock.now().getTime();
    let current = counters.get(id);
    if (!current || (current.resetAt <= now && current.blockedUntil <= now)) {
      current = { points: 0, resetAt: now + durationSeconds * 1000, blockedUntil: 0 };
      counters.set(id, current);
    }
    return current;
  };
  const retryAfter = (c: { resetAt: number; blockedUntil: number }) =>
    Math.max(1, Math.ceil((Math.max(c.resetAt, c.blockedUntil) - clock.now().getTime()) / 1000));
  return {
    async hit(policy, key, points = 1) {
      const current = entry(policy.name, key, policy.durationSeconds);
      current.points += points;
      if (current.points > policy.points) {
        if (policy.blockSeconds) current.blockedUntil = clock.now().getTime() + policy.blockSeconds * 1000;
        return { allowed: false, retryAfterSeconds: retryAfter(current) };
      }
      return { allowed: true, retryAfterSeconds: 0 };
    },
    async refund(policy, key) {
      const current = counters.get(`${policy.name}:${key}`);
      if (current && current.points > 0) current.points -= 1;
    },
    async reset(policy, key) {
      counters.delete(`${policy.name}:${key}`);
    },
    async peek(policy, key) {
      const current = counters.get(`${policy.name}:${key}`);
      const now = clock.now().getTime();
      return current && (current.resetAt > now || current.blockedUntil > now) ? current.points : 0;
    },
    async mark(policy, key) {
      counters.set(`${policy.name}:${key}`, { points: 1, resetAt: clock.now().getTime() + policy.durationSeconds * 1000, blockedUntil: 0 });
    },
  };
}

export function recordingOutbox(): EmailOutbox & { sent: Array<OutgoingEmail & { tx: Tx }> } {
  const sent: Array<OutgoingEmail & { tx: Tx }> = [];
  return {
    sent,
    async enqueue(message, tx) {
      sent.push({ ...message, tx });
      return crypto.randomUUID();
    },
  };
}

/**
 * A job queue with its worker: jobs wait, as they do in pg-boss until a worker polls, and `drain()`
 * runs each once, in the order sent. `sent` keeps every job ever sent.
 */
export function drainableJobQueue<T extends object>(
  handle: (data: T) => Promise<void>,
): JobQueue<T> & { sent: T[]; drain(): Promise<void> } {
  const sent: T[] = [];
  const pending: T[] = [];
  return {
    sent,
    async send(data) {
      sent.push(data);
      pending.push(data);
    },
    async drain() {
      for (let job = pending.shift(); job; job = pending.shift()) await handle(job);
    },
  };
}

/** Runs the work at once, handing it a marker transaction the fakes can see. */
export const immediateTransaction: TransactionRunner = (work) => work({ fake: "transaction" } as unknown as Tx);

export function inMemoryDevMailbox(): DevMailboxRepository {
  const all: Awaited<ReturnType<DevMailboxRepository["save"]>>[] = [];
  return {
    async save(message) {
      const saved = { ...message, id: crypto.randomUUID(), createdAt: new Date() };
      all.unshift(saved);
      return saved;
    },
    async listRecent(limit, toAddress) {
      return all.filter((m) => !toAddress || m.toAddress === toAddress).slice(0, limit);
    },
    async findById(id) {
      return all.find((m) => m.id === id) ?? null;
    },
  };
}

/** A `room_participants` row in memory; tests may push rows without the optional fields. */
export interface MemberRow {
  id?: string;
  roomId: string;
  userId: string | null;
  role: ParticipantRole;
  email: string;
  name: string;
  joinedAt?: Date | null;
  createdAt?: Date;
  meetingSid?: string | null;
  inMeetingSince?: Date | null;
  readPoint?: ReadPoint | null;
}

/** An `invites` row in memory. */
export type InviteRow = Invite & { tokenHash: string; outboxId: string | null; guestPassId: string | null; acceptedAt: Date | null };

const idOf = (member: MemberRow) => (member.id ??= crypto.randomUUID());
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
/** Newest first by (time, id), as `ORDER BY … DESC, id DESC` sorts. */
const newestFirst =
  <T extends { id: string }>(time: (row: T) => Date) =>
  (a: T, b: T) =>
    time(b).getTime() - time(a).getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);
/** Strictly before the keyset cursor (time, id) in that order. */
const before = (time: Date, id: string, cursor: { at: Date; id: string }) =>
  time < cursor.at || (time.getTime() === cursor.at.getTime() && id < cursor.id);

/** Forward only, as the conditional UPDATE of MARK_READ_CTES. */
export function moveReadPoint(member: MemberRow, to: Post | undefined) {
  const point = member.readPoint;
  if (to && (!point || before(point.at, point.postId, { at: to.createdAt, id: to.id }))) {
    member.readPoint = { at: to.createdAt, postId: to.id };
  }
}

/**
 * Rooms in memory, holding the rows the other in-memory repositories share as the tables do in
 * PostgreSQL: participants, posts and invitations (written by their own fakes) and, when given, the
 * users fake's accounts (for authors' and inviters' names). `clock` dates new rooms as the database
 * would (now); without one, the wall clock.
 */
export function inMemoryRooms(
  clock?: Clock,
  users: User[] = [],
): RoomsRepository & { rooms: Room[]; members: MemberRow[]; posts: Post[]; invites: InviteRow[]; users: User[] } {
  const rooms: Room[] = [];
  const members: MemberRow[] = [];
  const posts: Post[] = [];
  const invites: InviteRow[] = [];
  const inRoom = (roomId: string) => members.filter((m) => m.roomId === roomId);
  const newestPost = (roomId: string) => posts.filter((p) => p.roomId === roomId).sort(newestFirst((p) => p.createdAt))[0];
  const inMeeting = (roomId: string) =>
    inRoom(roomId)
      .filter((m) => m.inMeetingSince)
      .sort((a, b) => a.inMeetingSince!.getTime() - b.inMeetingSince!.getTime() || byName(a, b));
  const latestInvite = (participantId: string) =>
    invites.filter((i) => i.participantId === participantId).sort(newestFirst((i) => i.createdAt))[0];
  const removeWhere = <T>(rows: T[], doomed: (row: T) => boolean) => {
    for (let i = rows.length - 1; i >= 0; i--) if (doomed(rows[i]!)) rows.splice(i, 1);
  };
  return {
    rooms,
    members,
    posts,
    invites,
    users,
    async create(room) {
      const id = crypto.randomUUID();
      const created: Room = {
        id,
        name: room.name,
        description: room.description,
        ownerId: room.ownerId,
        livekitRoomName: room.livekitRoomName(id),
        roomSid: null,
        createdAt: clock?.now() ?? new Date(),
        updatedAt: clock?.now() ?? new Date(),
        lastActivityAt: clock?.now() ?? new Date(),
      };
      rooms.push(created);
      return { ...created };
    },
    async setLiveKitRoom(id, roomSid) {
      rooms.find((r) => r.id === id)!.roomSid = roomSid;
    },
    async listForUser(userId, { q, after, limit, unreadCap }) {
      const needle = q?.toLowerCase();
      return rooms
        .filter((r) => members.some((m) => m.roomId === r.id && m.userId === userId))
        .filter((r) => !needle || `${r.name} ${r.description ?? ""}`.toLowerCase().includes(needle))
        .filter((r) => !after || before(r.lastActivityAt, r.id, { at: after.lastActivityAt, id: after.id }))
        .sort(newestFirst((r) => r.lastActivityAt))
        .slice(0, limit)
        .map((r) => {
          const postTimes = posts.filter((p) => p.roomId === r.id).map((p) => p.createdAt.getTime());
          const me = members.find((m) => m.roomId === r.id && m.userId === userId)!;
          const unread = posts.filter((p) => p.roomId === r.id && isUnreadFor(p, userId, me.readPoint ?? null)).length;
          return {
            ...r,
            memberCount: inRoom(r.id).length,
            inMeetingCount: inMeeting(r.id).length,
            lastPostAt: postTimes.length ? new Date(Math.max(...postTimes)) : null,
            role: me.role,
            unreadCount: Math.min(unread, unreadCap ?? Infinity),
            // The fakes keep no post_mentions rows.
            unreadMentionCount: 0,
          };
        });
    },
    async findForMember(roomId, userId, { markRead = false } = {}) {
      const room = rooms.find((r) => r.id === roomId);
      const member = members.find((m) => m.roomId === roomId && m.userId === userId);
      if (!room || !member) return null;
      const readPoint = member.readPoint ?? null;
      if (markRead) moveReadPoint(member, newestPost(roomId));
      return {
        room: { ...room },
        role: member.role,
        inMeeting: inMeeting(roomId).map((m) => m.name),
        memberCount: members.filter((m) => m.roomId === roomId).length,
        readPoint,
      };
    },
    async setOwner(id, { from, to }) {
      const room = rooms.find((r) => r.id === id && r.ownerId === from);
      if (room) room.ownerId = to;
      return Boolean(room);
    },
    async update(id, changes) {
      Object.assign(
        rooms.find((r) => r.id === id)!,
        changes,
      );
    },
    async delete(id) {
      // ON DELETE CASCADE from rooms.
      removeWhere(rooms, (r) => r.id === id);
      removeWhere(members, (m) => m.roomId === id);
      removeWhere(posts, (p) => p.roomId === id);
      removeWhere(invites, (i) => i.roomId === id);
    },
    async touch(id, at) {
      const room = rooms.find((r) => r.id === id);
      if (room && (!room.lastActivityAt || room.lastActivityAt < at)) room.lastActivityAt = at;
    },
    async listParticipants(roomId, limit) {
      return inRoom(roomId)
        .sort((a, b) => Number(b.role === "owner") - Number(a.role === "owner") || byName(a, b))
        .slice(0, limit)
        .map((m) => {
          const invite = latestInvite(idOf(m));
          return {
            id: idOf(m),
            userId: m.userId,
            email: m.email,
            name: m.name,
            role: m.role,
            joinedAt: m.joinedAt ?? null,
            createdAt: m.createdAt ?? new Date(),
            inviteStatus: invite?.status ?? null,
            inviteExpiresAt: invite?.expiresAt ?? null,
            // The fakes keep no outbox rows: a message handed to the outbox is still queued.
            deliveryStatus: invite?.outboxId ? "queued" : null,
            inMeeting: Boolean(m.inMeetingSince),
          };
        });
    },
  };
}

/** Posts in memory; given the rooms fake, in its shared rows (so rooms see their last post). */
export function inMemoryPosts(
  rooms?: ReturnType<typeof inMemoryRooms>,
): PostsRepository & { all: Post[]; reactions: Array<{ postId: string; userId: string; emoji: string }> } {
  const all: Post[] = rooms?.posts ?? [];
  const shown = (p: Post): Post => ({ ...p, message: p.isDeleted ? "" : p.message });
  const reactions: Array<{ postId: string; userId: string; emoji: string }> = [];
  const reactionsOf = (postId: string, viewerId: string) => {
    const counts = new Map<string, { emoji: string; count: number; mine: boolean }>();
    for (const r of reactions.filter((r) => r.postId === postId)) {
      const count = counts.get(r.emoji) ?? { emoji: r.emoji, count: 0, mine: false };
      counts.set(r.emoji, { ...count, count: count.count + 1, mine: count.mine || r.userId === viewerId });
    }
    return [...counts.values()];
  };
  return {
    all,
    reactions,
    async create(post) {
      const created: Post = {
        id: crypto.randomUUID(),
        roomId: post.roomId,
        kind: "post",
        creatorId: post.creatorId,
        mentions: [],
        // Unit tests may post as people they never stored; the database would refuse those.
        authorName: rooms?.users.find((u) => u.id === post.creatorId)?.name ?? "Author",
        authorUsername: rooms?.users.find((u) => u.id === post.creatorId)?.username ?? "author",
        message: post.message,
        isDeleted: false,
        createdAt: post.createdAt,
        editedAt: null,
        updatedAt: post.createdAt,
        meeting: null,
      };
      all.push(created);
      return { ...created };
    },
    async pageBefore(roomId, cursor, limit, viewerId) {
      return all
        .filter((p) => p.roomId === roomId)
        .filter((p) => !cursor || before(p.createdAt, p.id, { at: cursor.createdAt, id: cursor.id }))
        .sort(newestFirst((p) => p.createdAt))
        .slice(0, limit)
        .map((p) => ({ ...shown(p), ...(viewerId ? { reactions: p.isDeleted ? [] : reactionsOf(p.id, viewerId) } : {}) }));
    },
    async findInRoom(roomId, postId) {
      const post = all.find((p) => p.id === postId && p.roomId === roomId);
      return post ? shown(post) : null;
    },
    async pageThrough(roomId, postId, limit, viewerId) {
      const target = all.find((p) => p.id === postId && p.roomId === roomId);
      if (!target) return [];
      const page = await this.pageBefore(roomId, undefined, all.length, viewerId);
      return page.filter((p) => p.id === target.id || before(p.createdAt, p.id, { at: target.createdAt, id: target.id })).slice(0, limit);
    },
    async search(roomId, words, cursor, limit) {
      const lowered = words.map((word) => word.toLowerCase());
      return all
        .filter((p) => p.roomId === roomId && !p.isDeleted && lowered.every((word) => p.message.toLowerCase().includes(word)))
        .filter((p) => !cursor || before(p.createdAt, p.id, { at: cursor.createdAt, id: cursor.id }))
        .sort(newestFirst((p) => p.createdAt))
        .slice(0, limit)
        .map(shown);
    },
    async softDelete(postId) {
      all.find((p) => p.id === postId)!.isDeleted = true;
    },
    async updateMessage(postId, message, at) {
      const post = all.find((p) => p.id === postId && !p.isDeleted);
      if (post) Object.assign(post, { message, editedAt: at });
      return Boolean(post);
    },
    async toggleReaction({ postId, userId, emoji }) {
      const at = reactions.findIndex((r) => r.postId === postId && r.userId === userId && r.emoji === emoji);
      if (at >= 0) reactions.splice(at, 1);
      else reactions.push({ postId, userId, emoji });
      return at < 0;
    },
  };
}

export function recordingRoomEvents(): RoomEvents & { published: RoomEvent[] } {
  const published: RoomEvent[] = [];
  const listeners = new Map<string, Set<(event: RoomEvent) => void>>();
  return {
    published,
    async publish(event) {
      published.push(event);
      for (const listener of listeners.get(event.roomId) ?? []) listener(event);
    },
    async subscribe(roomId, listener) {
      const set = listeners.get(roomId) ?? new Set();
      set.add(listener);
      listeners.set(roomId, set);
      return () => set.delete(listener);
    },
    async stop() {
      listeners.clear();
    },
  };
}

/** Participant rows in memory, in the rooms fake's `members` (the rooms repository reads them there). */
export function inMemoryParticipants(rooms: ReturnType<typeof inMemoryRooms>, clock: Clock): ParticipantsRepository {
  const people = rooms.members;
  const matches = (p: MemberRow, identity: string) => p.userId === identity || idOf(p) === identity;
  /** Deletes the row and, as ON DELETE CASCADE does, its invitations. */
  const removeRow = (which: (p: MemberRow) => boolean) => {
    const index = people.findIndex(which);
    if (index < 0) return;
    const [gone] = people.splice(index, 1);
    for (let i = rooms.invites.length - 1; i >= 0; i--) if (rooms.invites[i]!.participantId === idOf(gone!)) rooms.invites.splice(i, 1);
  };
  const plain = (person: MemberRow | undefined) =>
    person
      ? {
          id: idOf(person),
          userId: person.userId,
          email: person.email,
          name: person.name,
          role: person.role,
          joinedAt: person.joinedAt ?? null,
          createdAt: person.createdAt ?? clock.now(),
          inviteStatus: null,
          inviteExpiresAt: null,
          deliveryStatus: null,
          inMeeting: Boolean(person.inMeetingSince),
        }
      : null;
  return {
    async add({ roomId, userId, email, name, role }) {
      // The table's constraints: UNIQUE (room_id, email) and CHECK (email = lower(email)).
      if (email !== email.toLowerCase()) throw new Error("room_participants: email must be in lower case");
      if (people.some((p) => p.roomId === roomId && p.email === email)) throw new Error("room_participants: duplicate (room_id, email)");
      const person: MemberRow = { id: crypto.randomUUID(), roomId, userId: userId ?? null, role, email, name, createdAt: clock.now() };
      // A newcomer starts with the feed so far read.
      moveReadPoint(person, rooms.posts.filter((p) => p.roomId === roomId).sort(newestFirst((p) => p.createdAt))[0]);
      people.push(person);
      return idOf(person);
    },
    async existingEmails(roomId, emails) {
      return people.filter((p) => p.roomId === roomId && emails.includes(p.email)).map((p) => p.email);
    },
    find: async (roomId, participantId) => plain(people.find((p) => p.roomId === roomId && idOf(p) === participantId)),
    findByUser: async (roomId, userId) => plain(people.find((p) => p.roomId === roomId && p.userId === userId)),
    async setRole(participantId, role) {
      const person = people.find((p) => idOf(p) === participantId);
      if (person) person.role = role;
    },
    async remove(participantId) {
      removeRow((p) => idOf(p) === participantId);
    },
    async linkToUser(participantId, userId) {
      const person = people.find((p) => idOf(p) === participantId);
      if (person && !person.userId) person.userId = userId;
    },
    async removeUnlinked(participantId) {
      removeRow((p) => idOf(p) === participantId && !p.userId);
    },
    async markJoined({ roomId, identity, sid, at }) {
      const found = people.filter((p) => p.roomId === roomId && matches(p, identity));
      for (const p of found) Object.assign(p, { meetingSid: sid, inMeetingSince: at, joinedAt: p.joinedAt ?? at });
      return found.length > 0;
    },
    async markLeft({ roomId, identity, sid }) {
      const found = people.filter((p) => p.roomId === roomId && matches(p, identity) && p.meetingSid === sid);
      for (const p of found) Object.assign(p, { meetingSid: null, inMeetingSince: null });
      return found.length > 0;
    },
    async clearMeeting(roomId, finishedAt) {
      const found = people.filter((p) => p.roomId === roomId && p.inMeetingSince && p.inMeetingSince <= finishedAt);
      for (const p of found) Object.assign(p, { meetingSid: null, inMeetingSince: null });
      return found.length > 0;
    },
    async markRead(roomId, userId, postId) {
      const member = people.find((p) => p.roomId === roomId && p.userId === userId);
      const inRoom = rooms.posts.filter((p) => p.roomId === roomId);
      const target = postId ? inRoom.find((p) => p.id === postId) : inRoom.sort(newestFirst((p) => p.createdAt))[0];
      if (!member || (postId && !target)) return null;
      moveReadPoint(member, target);
      return { readPoint: member.readPoint ?? null };
    },

    async claimMentionEmails(roomId, userIds, at, notSince) {
      const found = people.filter(
        (p) =>
          p.roomId === roomId &&
          p.userId &&
          userIds.includes(p.userId) &&
          !((p as { mentionEmailedAt?: Date }).mentionEmailedAt! > notSince),
      );
      for (const p of found) Object.assign(p, { mentionEmailedAt: at });
      return found.map((p) => p.userId!);
    },
  };
}

/** For services tested without mentions: posts name nobody. */
export const noMentions: Pick<MentionsService, "record" | "clear"> = { record: async () => [], clear: async () => {} };

/** Invitations in memory, in the rooms fake's shared rows. */
export function inMemoryInvites(rooms: ReturnType<typeof inMemoryRooms>): InvitesRepository & { invites: InviteRow[] } {
  const invites = rooms.invites;
  const find = (inviteId: string) => invites.find((i) => i.id === inviteId)!;
  const publicInvite = ({ tokenHash: _t, outboxId: _o, guestPassId: _g, acceptedAt: _a, ...invite }: InviteRow): Invite => invite;
  return {
    invites,
    async create(invite) {
      const id = crypto.randomUUID();
      invites.push({
        id,
        roomId: invite.roomId,
        inviterId: invite.inviterId,
        participantId: invite.participantId,
        inviteeEmail: invite.email,
        inviteeName: invite.name,
        status: "pending",
        expiresAt: invite.expiresAt,
        createdAt: invite.createdAt,
        tokenHash: invite.tokenHash,
        outboxId: null,
        guestPassId: null,
        acceptedAt: null,
      });
      return id;
    },
    async setOutbox(inviteId, outboxId) {
      find(inviteId).outboxId = outboxId;
    },
    async revokePending(participantId) {
      for (const invite of invites) if (invite.participantId === participantId && invite.status === "pending") invite.status = "revoked";
    },
    async reissuePending(participantId, { tokenHash, expiresAt }) {
      const invite = invites.find((i) => i.participantId === participantId && i.status === "pending");
      if (invite) Object.assign(invite, { tokenHash, expiresAt });
      return Boolean(invite);
    },
    async listPendingForEmail(email, limit) {
      return invites
        .filter((i) => i.inviteeEmail === email && i.status === "pending")
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit)
        .map((i) => ({
          id: i.id,
          roomId: i.roomId,
          roomName: rooms.rooms.find((r) => r.id === i.roomId)?.name ?? "",
          inviterName: rooms.users.find((u) => u.id === i.inviterId)?.name ?? "Inviter",
          createdAt: i.createdAt,
          expiresAt: i.expiresAt,
        }));
    },
    async findPendingForEmail(inviteId, email) {
      const invite = invites.find((i) => i.id === inviteId && i.inviteeEmail === email && i.status === "pending");
      return invite ? publicInvite(invite) : null;
    },
    async markAccepted(inviteId, at) {
      Object.assign(find(inviteId), { status: "accepted", acceptedAt: at });
    },
    async delete(inviteId) {
      invites.splice(
        invites.findIndex((i) => i.id === inviteId),
        1,
      );
    },
  };
}

/** The meetings repository's reads and writes over the rooms fake's shared rows. */
export function inMemoryMeetings(rooms: ReturnType<typeof inMemoryRooms>): MeetingsRepository {
  const seenEvents = new Set<string>();
  const attendee = (member: MemberRow): MeetingAttendee | null => {
    const room = rooms.rooms.find((r) => r.id === member.roomId);
    if (!room) return null;
    const { id: roomId, name: roomName, livekitRoomName, roomSid } = room;
    const { userId, name, email, role } = member;
    return { participantId: idOf(member), userId, roomId, roomName, livekitRoomName, roomSid, name, email, role };
  };
  return {
    async findMemberAttendee(roomId, userId) {
      const member = rooms.members.find((m) => m.roomId === roomId && m.userId === userId);
      return member ? attendee(member) : null;
    },
    async findGuestAttendee(roomId, participantId, passId) {
      const member = rooms.members.find((m) => m.roomId === roomId && idOf(m) === participantId);
      const passed = rooms.invites.some((i) => i.participantId === participantId && i.guestPassId === passId && i.status === "pending");
      return member && passed ? attendee(member) : null;
    },
    async bindGuestPass(inviteId, passId) {
      const invite = rooms.invites.find((i) => i.id === inviteId && i.status === "pending");
      if (invite) invite.guestPassId = passId;
      return Boolean(invite);
    },
    async findInviteLink(roomId, tokenHash) {
      const invite = rooms.invites.find((i) => i.tokenHash === tokenHash && i.roomId === roomId);
      const room = rooms.rooms.find((r) => r.id === roomId);
      if (!invite || !room) return null;
      const participant = rooms.members.find((m) => idOf(m) === invite.participantId);
      return {
        inviteId: invite.id,
        roomId,
        roomName: room.name,
        inviterName: rooms.users.find((u) => u.id === invite.inviterId)?.name ?? "Inviter",
        participantId: participant ? idOf(participant) : null,
        participantUserId: participant?.userId ?? null,
        email: invite.inviteeEmail,
        name: participant?.name ?? invite.inviteeName ?? invite.inviteeEmail,
        status: invite.status,
        expiresAt: invite.expiresAt,
      };
    },
    async setRoomSid(roomId, roomSid) {
      const room = rooms.rooms.find((r) => r.id === roomId);
      if (room) room.roomSid = roomSid;
    },
    async recordWebhookEvent({ id }) {
      if (seenEvents.has(id)) return false;
      seenEvents.add(id);
      return true;
    },
    async findRoomIdByLiveKitName(livekitRoomName) {
      return rooms.rooms.find((r) => r.livekitRoomName === livekitRoomName)?.id ?? null;
    },
  };
}
