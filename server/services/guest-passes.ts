import { randomUUID } from "node:crypto";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import type { Clock } from "../clock";
import { isUuid } from "./cursors";

/**
 * A guest pass: what an invitee without an account holds after opening their invite link. A JWT
 * (HS256) naming one participant row of one room, valid for a few hours; the route keeps it in an
 * httpOnly cookie scoped to that room's pages. Each pass has an id (`jti`) that the meetings
 * service records on the invitation: each use checks it is still the invitation's latest pass.
 */
export interface GuestPass {
  participantId: string;
  roomId: string;
  passId: string;
}

export const GUEST_PASS_HOURS = 4;
const TYPE = "parley-guest+jwt";
const AUDIENCE = "parley-guest";

export function createGuestPasses(options: { secret: string; issuer: string; clock: Clock }) {
  const key = new TextEncoder().encode(options.secret);
  return {
    async issue(seat: Omit<GuestPass, "passId">): Promise<{ token: string; expiresAt: Date; pass: GuestPass }> {
      const pass = { ...seat, passId: randomUUID() };
      const now = options.clock.now();
      const expiresAt = new Date(now.getTime() + GUEST_PASS_HOURS * 3600_000);
      const seconds = Math.floor(now.getTime() / 1000);
      const token = await new SignJWT({ room: pass.roomId })
        .setProtectedHeader({ alg: "HS256", typ: TYPE })
        .setSubject(pass.participantId)
        .setJti(pass.passId)
        .setIssuer(options.issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt(seconds)
        .setNotBefore(seconds)
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt, pass };
    },

    /** The pass, or null when it is forged, expired, or for another room. */
    async read(token: string | undefined, roomId: string): Promise<GuestPass | null> {
      if (!token) return null;
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ["HS256"],
          issuer: options.issuer,
          audience: AUDIENCE,
          typ: TYPE,
          requiredClaims: ["sub", "room", "exp", "jti"],
          currentDate: options.clock.now(),
        });
        if (typeof payload.sub !== "string" || !isUuid(payload.jti) || payload.room !== roomId) return null;
        return { participantId: payload.sub, roomId, passId: payload.jti };
      } catch (error) {
        if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return null;
        throw error;
      }
    },
  };
}

export type GuestPasses = ReturnType<typeof createGuestPasses>;
