import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import { accountServices, APP_URL, from, newAccount } from "../../tests/support/account-services";
import { DAY, HOUR } from "../../tests/support/test-clock";
import { JWT_AUDIENCE } from "./sessions";

const SECRET = new TextEncoder().encode("unit-test-secret-0123456789abcdef0123456789");

async function signedIn(settings?: { idleHours?: number; maxAgeDays?: number }) {
  const services = accountServices(settings);
  const { user, session } = await services.auth.signUp(newAccount(), from());
  return { ...services, user, session };
}

function forged(claims: { sub: string; sid: string }, now: number) {
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(APP_URL)
    .setAudience(JWT_AUDIENCE)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 3600);
}

describe("session ids", () => {
  it("carry at least 128 random bits and are not UUIDs", async () => {
    const { session } = await signedIn();
    expect(Buffer.from(session.sessionId, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(session.sessionId).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/i);
  });
});

/** How often WebCrypto's `method` runs while one session's token comes with three requests. */
async function webCryptoCallsOverThreeRequests(method: "importKey" | "verify") {
  const { sessions, session } = await signedIn();
  const calls = vi.spyOn(crypto.subtle, method);
  try {
    for (let i = 0; i < 3; i += 1) expect(await sessions.authenticate(session.token)).not.toBeNull();
    return calls.mock.calls.length;
  } finally {
    calls.mockRestore();
  }
}

describe("the signing key", () => {
  it("is imported once, not on every request that carries a session", async () => {
    expect(await webCryptoCallsOverThreeRequests("importKey")).toBe(0);
  });
});

describe("a session's token", () => {
  it("has its signature checked once, not on every request that carries it", async () => {
    expect(await webCryptoCallsOverThreeRequests("verify")).toBe(1);
  });

  it("still expires when its signature was checked earlier, while its session lives on under a renewed token", async () => {
    const { sessions, session, clock } = await signedIn({ idleHours: 12 });
    expect(await sessions.authenticate(session.token)).not.toBeNull();
    clock.advance(8.5 * HOUR);
    const renewed = (await sessions.authenticate(session.token))!.renewed!;
    clock.advance(4 * HOUR); // the first token's 12 h are over; the session runs until 20.5 h
    expect(await sessions.authenticate(session.token)).toBeNull();
    expect(await sessions.authenticate(renewed.token)).not.toBeNull();
  });
});

describe("JWTs that must be rejected", () => {
  it("alg none, another secret, a changed payload, wrong issuer or audience, future nbf, expired", async () => {
    const { sessions, session, user, clock } = await signedIn();
    const now = Math.floor(clock.now().getTime() / 1000);
    const claims = { sub: user.id, sid: session.sessionId };
    const [header, , signature] = session.token.split(".");
    const otherPayload = Buffer.from(JSON.stringify({ ...claims, sub: "someone-else", exp: now + 3600 })).toString("base64url");

    const rejected = [
      new UnsecuredJWT({ sid: claims.sid })
        .setSubject(claims.sub)
        .setIssuer(APP_URL)
        .setAudience(JWT_AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .encode(),
      await forged(claims, now).sign(new TextEncoder().encode("another-secret-0123456789abcdef0123456789")),
      `${header}.${otherPayload}.${signature}`,
      await forged(claims, now).setIssuer("https://evil.test").sign(SECRET),
      await forged(claims, now).setAudience("someone-else").sign(SECRET),
      await forged(claims, now)
        .setNotBefore(now + 600)
        .sign(SECRET),
      await forged(claims, now - 7200)
        .setExpirationTime(now - 60)
        .sign(SECRET),
      "not-a-jwt",
    ];
    for (const token of rejected) expect(await sessions.authenticate(token)).toBeNull();
    // The genuine article still works.
    expect(await sessions.authenticate(await forged(claims, now).sign(SECRET))).not.toBeNull();
  });

  it("a validly signed JWT whose session was revoked", async () => {
    const { sessions, session } = await signedIn();
    await sessions.end(session.sessionId);
    expect(await sessions.authenticate(session.token)).toBeNull();
  });
});

describe("lifetimes", () => {
  it("a session 1 s past its expiry is rejected; 1 s before, it is accepted", async () => {
    const before = await signedIn({ idleHours: 12 });
    before.clock.set(new Date(before.session.expiresAt.getTime() - 1000));
    expect(await before.sessions.authenticate(before.session.token)).not.toBeNull();

    const after = await signedIn({ idleHours: 12 });
    after.clock.set(new Date(after.session.expiresAt.getTime() + 1000));
    expect(await after.sessions.authenticate(after.session.token)).toBeNull();
  });

  it("renews only when less than half the idle window is left", async () => {
    const { sessions, session, clock } = await signedIn({ idleHours: 12 });
    clock.advance(5 * HOUR);
    const early = await sessions.authenticate(session.token);
    expect(early?.renewed).toBeUndefined();
    expect(early?.expiresAt).toEqual(session.expiresAt);

    clock.advance(3.5 * HOUR); // 8.5 h in: 3.5 h left of 12
    const late = (await sessions.authenticate(session.token))!;
    expect(late.renewed).toBeDefined();
    expect(late.expiresAt.getTime()).toBe(clock.now().getTime() + 12 * HOUR);
    expect(late.renewed!.token).not.toBe(session.token);
    expect(await sessions.authenticate(late.renewed!.token)).not.toBeNull();
  });

  it("never lives past the absolute cap, however often it is renewed", async () => {
    const { sessions, session, clock } = await signedIn({ idleHours: 12, maxAgeDays: 2 });
    const cap = clock.now().getTime() + 2 * DAY;
    let token = session.token;
    for (let step = 0; step < 10; step++) {
      clock.advance(8 * HOUR);
      const current = await sessions.authenticate(token);
      if (!current) break;
      expect(current.expiresAt.getTime()).toBeLessThanOrEqual(cap);
      token = current.renewed?.token ?? token;
    }
    clock.set(new Date(cap + 1000));
    expect(await sessions.authenticate(token)).toBeNull();
  });
});
