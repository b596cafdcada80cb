import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { LRUCache } from "lru-cache";
import type { Clock } from "../clock";
import type { SessionsRepository } from "../repositories/sessions";
import type { Tx } from "../repositories/transaction";
import type { User } from "../repositories/users";
import { generateSessionId } from "./tokens";

/**
 * Sessions are rows in `sessions`, referred to by a JWT (HS256, signed with jose) that carries the
 * user id (`sub`) and the session id (`sid`). A valid signature is not enough: the row must be
 * live, so signing out or resetting a password really ends a session.
 *
 * Lifetimes: a session lasts `idleHours` from its last renewal and never past `maxAgeDays` from
 * its creation. It is renewed (new expiry, new JWT) only when less than half the idle window is left.
 */
export interface SessionSettings {
  secret: string;
  issuer: string;
  idleHours: number;
  maxAgeDays: number;
}

export interface IssuedSession {
  sessionId: string;
  token: string;
  expiresAt: Date;
}

export type PublicUser = Pick<User, "id" | "username" | "email" | "name"> & {
  /** Whether the account's current address is proven (nothing is granted to an unproven one). */
  emailVerified: boolean;
};

export interface AuthenticatedSession {
  sessionId: string;
  user: PublicUser;
  expiresAt: Date;
  /** Present when this request renewed the session: the caller must send the new token. */
  renewed?: IssuedSession;
}

export interface SessionService {
  start(userId: string, userAgent?: string | null): Promise<IssuedSession>;
  authenticate(token: string | null | undefined): Promise<AuthenticatedSession | null>;
  end(sessionId: string): Promise<void>;
  endAllForUser(userId: string, options?: { exceptSessionId?: string; tx?: Tx }): Promise<number>;
}

export const JWT_AUDIENCE = "parley";
const JWT_TYPE = "JWT";
const HOUR = 3600_000;

export function toPublicUser(user: User): PublicUser {
  return { id: user.id, username: user.username, email: user.email, name: user.name, emailVerified: user.emailVerifiedAt !== null };
}

export function createSessionService(deps: { sessions: SessionsRepository; clock: Clock; settings: SessionSettings }): SessionService {
  const { sessions, clock, settings } = deps;
  // A CryptoKey made once: given the raw secret, jose imports it again on every sign and verify.
  const key = crypto.subtle.importKey("raw", new TextEncoder().encode(settings.secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  const idleMs = settings.idleHours * HOUR;
  const maxAgeMs = settings.maxAgeDays * 24 * HOUR;

  async function sign(userId: string, sessionId: string, expiresAt: Date): Promise<string> {
    const now = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: "HS256", typ: JWT_TYPE })
      .setSubject(userId)
      .setIssuer(settings.issuer)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(await key);
  }

  /**
   * Tokens whose signature and fixed claims (alg, typ, issuer, audience) have been checked, by the
   * token itself: a session's token comes with each of its requests, and checking its HMAC again
   * (a WebCrypto job) cost a signed-in page more than its session query. A changed token is another
   * key; its times (nbf, exp) are checked on every use, and the session row on every request.
   */
  const verified = new LRUCache<string, { userId: string; sessionId: string; notBefore: number; expiresAt: number }>({ max: 10_000 });

  async function verify(token: string): Promise<{ userId: string; sessionId: string } | null> {
    const known = verified.get(token);
    if (known) {
      const now = clock.now().getTime() / 1000;
      return known.notBefore <= now && now < known.expiresAt ? { userId: known.userId, sessionId: known.sessionId } : null;
    }
    try {
      const { payload } = await jwtVerify(token, await key, {
        algorithms: ["HS256"],
        issuer: settings.issuer,
        audience: JWT_AUDIENCE,
        typ: JWT_TYPE,
        requiredClaims: ["sub", "sid", "exp", "nbf", "iat"],
        currentDate: clock.now(),
      });
      if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
      const claims = { userId: payload.sub, sessionId: payload.sid };
      verified.set(token, { ...claims, notBefore: payload.nbf!, expiresAt: payload.exp! });
      return claims;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }

  return {
    async start(userId, userAgent) {
      const createdAt = clock.now();
      const expiresAt = new Date(createdAt.getTime() + Math.min(idleMs, maxAgeMs));
      const sessionId = generateSessionId();
      await sessions.create({ id: sessionId, userId, userAgent: userAgent?.slice(0, 512) ?? null, createdAt, expiresAt });
      return { sessionId, expiresAt, token: await sign(userId, sessionId, expiresAt) };
    },

    async authenticate(token) {
      if (!token || token.length > 2048) return null;
      const claims = await verify(token);
      if (!claims) return null;
      const now = clock.now();
      const live = await sessions.findLive(claims.sessionId, now);
      if (!live || live.user.id !== claims.userId) return null;

      const { session, user } = live;
      const result: AuthenticatedSession = { sessionId: session.id, user: toPublicUser(user), expiresAt: session.expiresAt };
      const cap = session.createdAt.getTime() + maxAgeMs;
      const remaining = session.expiresAt.getTime() - now.getTime();
      if (remaining < idleMs / 2 && session.expiresAt.getTime() < cap) {
        const expiresAt = new Date(Math.min(now.getTime() + idleMs, cap));
        await sessions.extend(session.id, expiresAt);
        result.expiresAt = expiresAt;
        result.renewed = { sessionId: session.id, expiresAt, token: await sign(user.id, session.id, expiresAt) };
      }
      return result;
    },

    end: (sessionId) => sessions.revoke(sessionId, clock.now()),

    endAllForUser: (userId, options = {}) =>
      sessions.revokeAllForUser(userId, clock.now(), { exceptId: options.exceptSessionId, tx: options.tx }),
  };
}
