import pino from "pino";
import type { Clock } from "../../server/clock";
import { ConflictError } from "../../server/errors";
import type { EmailOutbox, OutgoingEmail } from "../../server/email/outbox";
import type { DevMailboxRepository } from "../../server/repositories/dev-mailbox";
import type { PasswordResetTokensRepository } from "../../server/repositories/password-reset-tokens";
import type { SessionRecord, SessionsRepository } from "../../server/repositories/sessions";
import type { TransactionRunner, Tx } from "../../server/repositories/transaction";
import type { User, UsersRepository } from "../../server/repositories/users";
import type { RateLimitCounters } from "../../server/services/rate-limits";

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
      const created: User = { id: crypto.randomUUID(), ...user, emailVerifiedAt: null, lastLogin: null, isActive: true, createdAt: now, updatedAt: now };
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
    async setPassword(id, passwordHash, verifiedAt) {
      const user = all.find((u) => u.id === id);
      if (user) Object.assign(user, { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? verifiedAt, updatedAt: verifiedAt });
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
    async hit(policy, key) {
      const current = entry(policy.name, key, policy.durationSeconds);
      current.points += 1;
      if (current.points > policy.points) {
        if (policy.blockSeconds) current.blockedUntil = clock.now().getTime() + policy.blockSeconds * 1000;
        return { allowed: false, retryAfterSeconds: retryAfter(current) };
      }
      return { allowed: true, retryAfterSeconds: 0 };
    },
    async isExhausted(policy, key) {
      const current = entry(policy.name, key, policy.durationSeconds);
      return { exhausted: current.points >= policy.points, retryAfterSeconds: retryAfter(current) };
    },
    async reset(policy, key) {
      counters.delete(`${policy.name}:${key}`);
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
