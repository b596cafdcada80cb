import { describe, expect, it, vi } from "vitest";
import { accountServices, from, newAccount } from "../../tests/support/account-services";
import { MINUTE } from "../../tests/support/test-clock";
import { SIGN_IN_FAILED } from "./auth";

describe("sign-up", () => {
  it("creates the account and a session whose token authenticates", async () => {
    const { auth, sessions, users } = accountServices();
    const account = newAccount();
    const { user, session } = await auth.signUp(account, from());
    expect(user).toEqual({
      id: expect.any(String),
      username: account.username,
      email: account.email,
      name: account.name,
      emailVerified: false,
      createdAt: expect.any(Date),
    });
    expect(users.all[0]!.passwordHash).not.toContain(account.password);
    expect((await sessions.authenticate(session.token))?.user.id).toBe(user.id);
  });

  it("refuses an email or username already taken, ignoring case, naming the field", async () => {
    const { auth } = accountServices();
    const first = newAccount();
    await auth.signUp(first, from());
    await expect(auth.signUp({ ...newAccount(), email: first.email.toUpperCase() }, from())).rejects.toMatchObject({
      kind: "conflict",
      fields: { email: [expect.stringContaining("already exists")] },
    });
    await expect(auth.signUp({ ...newAccount(), username: first.username.toUpperCase() }, from())).rejects.toMatchObject({
      kind: "conflict",
      fields: { username: [expect.stringContaining("taken")] },
    });
  });

  it("refuses a common password", async () => {
    const { auth, users } = accountServices();
    await expect(auth.signUp(newAccount({ password: "password1234" }), from())).rejects.toMatchObject({
      kind: "validation",
      fields: { password: [expect.stringContaining("common")] },
    });
    expect(users.all).toHaveLength(0);
  });

  it("is limited per IP", async () => {
    const { auth } = accountServices();
    for (let i = 0; i < 10; i++) await auth.signUp(newAccount(), from("192.0.2.77"));
    await expect(auth.signUp(newAccount(), from("192.0.2.77"))).rejects.toMatchObject({ kind: "rate-limited" });
    await expect(auth.signUp(newAccount(), from("192.0.2.78"))).resolves.toBeDefined();
  });
});

describe("sign-in", () => {
  it("accepts the email in another case and records the login", async () => {
    const { auth, users, clock } = accountServices();
    const account = newAccount();
    await auth.signUp(account, from());
    await auth.signIn({ email: account.email.toUpperCase(), password: account.password }, from());
    expect(users.all[0]!.lastLogin).toEqual(clock.now());
  });

  it("says the same for an unknown email and a wrong password, and checks a password either way", async () => {
    const { auth, passwords } = accountServices();
    const account = newAccount();
    await auth.signUp(account, from());
    const verifyNothing = vi.spyOn(passwords, "verifyNothing");
    const wrong = await auth.signIn({ email: account.email, password: "not it at all" }, from()).catch((e: unknown) => e);
    const unknown = await auth.signIn({ email: "nobody@example.test", password: "not it at all" }, from()).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ kind: "authentication", message: SIGN_IN_FAILED });
    expect(unknown).toMatchObject({ kind: "authentication", message: SIGN_IN_FAILED });
    expect(verifyNothing).toHaveBeenCalledTimes(1);
  });

  it("refuses the 11th attempt from an IP after 10 failures, even with the right password, then lets the owner in after the hour", async () => {
    const { auth, clock } = accountServices();
    const account = newAccount();
    await auth.signUp(account, from());
    for (let i = 0; i < 10; i++) {
      await expect(auth.signIn({ email: account.email, password: `wrong ${i} password` }, from("198.51.100.9"))).rejects.toMatchObject({
        kind: "authentication",
      });
    }
    const refused = await auth.signIn(account, from("198.51.100.9")).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "rate-limited", retryAfterSeconds: expect.any(Number) });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // The IP's 10-minute block is over, but its 10 failures on this account hold it for the hour.
    clock.advance(11 * 60_000);
    await expect(auth.signIn(account, from("198.51.100.9"))).rejects.toMatchObject({ kind: "rate-limited" });
    clock.advance(50 * 60_000);
    await expect(auth.signIn(account, from("198.51.100.9"))).resolves.toBeDefined();
  });

  it("counts concurrent guesses before checking them: 25 at once from one IP get 10 password checks", async () => {
    const { auth, passwords } = accountServices();
    const account = newAccount();
    await auth.signUp(account, from());
    const verify = vi.spyOn(passwords, "verify");
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        auth.signIn({ email: account.email, password: `guess ${i} wrong` }, from("198.51.100.10")).catch((e: { kind: string }) => e.kind),
      ),
    );
    expect(outcomes.filter((kind) => kind === "authentication")).toHaveLength(10);
    expect(outcomes.filter((kind) => kind === "rate-limited")).toHaveLength(15);
    expect(verify).toHaveBeenCalledTimes(10);
  });

  it("gives a success's point back to the account's counter", async () => {
    const { auth } = accountServices();
    const account = newAccount();
    await auth.signUp(account, from());
    // 100 successes from many addresses never lock the account (the per-account limit counts failures).
    for (let i = 0; i < 101; i++) await auth.signIn(account, from(`203.0.113.${i % 200}`));
    await expect(auth.signIn(account, from("203.0.113.250"))).resolves.toBeDefined();
  });

  it("starts a new, distinct session on every sign-in", async () => {
    const { auth } = accountServices();
    const account = newAccount();
    const { session: first } = await auth.signUp(account, from());
    const { session: second } = await auth.signIn(account, from());
    const { session: third } = await auth.signIn(account, from());
    expect(new Set([first.sessionId, second.sessionId, third.sessionId]).size).toBe(3);
  });
});

describe("sign-out", () => {
  it("ends the session: its token no longer authenticates", async () => {
    const { auth, sessions } = accountServices();
    const { session } = await auth.signUp(newAccount(), from());
    await auth.signOut(session.sessionId);
    expect(await sessions.authenticate(session.token)).toBeNull();
  });

  it("'sign out other sessions' keeps only the current one", async () => {
    const { auth, sessions } = accountServices();
    const account = newAccount();
    const { user, session: a } = await auth.signUp(account, from());
    const { session: b } = await auth.signIn(account, from());
    const { session: c } = await auth.signIn(account, from());
    expect(await auth.signOutOtherSessions(user.id, b.sessionId)).toBe(2);
    expect(await sessions.authenticate(a.token)).toBeNull();
    expect(await sessions.authenticate(b.token)).not.toBeNull();
    expect(await sessions.authenticate(c.token)).toBeNull();
  });
});

/**
 * SECURITY 12 and the limiter findings of the trust review. The design (see RATE_POLICIES): failures are counted
 * per IP (10 a minute), per (account, IP) (10 an hour) and per account (100 an hour, ASVS 4 2.2.1).
 * An IP refused by its own limit adds nothing to the account's counters, and an IP's failures on one
 * account stop counting towards the account's ceiling after 10, so one address (or a few) cannot
 * lock anybody out; an address the owner has signed in from before is not held by the ceiling.
 */
describe("sign-in limits", () => {
  /** A wrong password; says how it was refused ("authentication" when checked, "rate-limited" when not). */
  const guess = (auth: ReturnType<typeof accountServices>["auth"], email: string, ip: string, i: number): Promise<string> =>
    auth.signIn({ email, password: `wrong guess ${i}` }, from(ip)).then(
      () => "signed-in",
      (e: { kind: string }) => e.kind,
    );

  it("a successful sign-in does not reset the IP's failures: 9 wrong guesses, one good sign-in of one's own, repeated, is stopped", async () => {
    const { auth } = accountServices();
    const attacker = newAccount();
    await auth.signUp(attacker, from());
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      // A new victim each round, so only the IP's own counter can stop the spray.
      const victim = newAccount();
      await auth.signUp(victim, from());
      for (let i = 0; i < 9; i++) outcomes.push(await guess(auth, victim.email, "198.51.100.66", round * 9 + i));
      await auth.signIn(attacker, from("198.51.100.66")).catch(() => undefined);
    }
    expect(outcomes.filter((kind) => kind === "authentication")).toHaveLength(10);
    expect(outcomes.slice(10).every((kind) => kind === "rate-limited")).toBe(true);
  });

  it("one attacker IP hammering victim's account for hours cannot stop the victim signing in from their own IP", async () => {
    const { auth, clock } = accountServices();
    const victim = newAccount();
    await auth.signUp(victim, from());
    let attempt = 0;
    for (let minute = 0; minute < 180; minute++) {
      // 20 guesses a minute: the IP is refused after its 10th failure, and keeps hammering anyway.
      for (let i = 0; i < 20; i++) await guess(auth, victim.email, "203.0.113.66", attempt++);
      clock.advance(MINUTE);
      if (minute % 30 === 29) await expect(auth.signIn(victim, from("192.0.2.10"))).resolves.toBeDefined();
    }
    // And from an address the victim never used before.
    await expect(auth.signIn(victim, from("192.0.2.11"))).resolves.toBeDefined();
  });

  it("the 11th failure from one IP within 60 s is refused with a Retry-After, even with the right password", async () => {
    const { auth } = accountServices();
    const account = newAccount();
    await auth.signUp(account, from());
    for (let i = 0; i < 10; i++) expect(await guess(auth, account.email, "198.51.100.70", i)).toBe("authentication");
    const refused = await auth.signIn(account, from("198.51.100.70")).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "rate-limited", retryAfterSeconds: expect.any(Number) });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("a password reset from the address held by its own 10 failures lets the owner in from there at once", async () => {
    const { auth, clock, passwordReset, resetRequests, outbox } = accountServices();
    const account = newAccount();
    await auth.signUp(account, from());
    for (let i = 0; i < 10; i++) await guess(auth, account.email, "198.51.100.71", i);
    clock.advance(11 * MINUTE);
    await expect(auth.signIn(account, from("198.51.100.71"))).rejects.toMatchObject({ kind: "rate-limited" });
    await passwordReset.requestReset(account.email, from("198.51.100.71"));
    await resetRequests.drain();
    const token = /token=([\w-]+)/.exec(outbox.sent.at(-1)!.text)![1]!;
    await passwordReset.resetPassword({ token, password: "a brand new passphrase" }, from("198.51.100.71"));
    await expect(auth.signIn({ email: account.email, password: "a brand new passphrase" }, from("198.51.100.71"))).resolves.toBeDefined();
  });

  it("at most 100 failures an hour on one account from many IPs; the owner's known IP, the hour passing or a reset let them in", async () => {
    const { auth, clock, passwordReset, resetRequests, outbox } = accountServices();
    const account = newAccount();
    await auth.signUp(account, from());
    await auth.signIn(account, from("192.0.2.200")); // the owner's usual address
    const outcomes: string[] = [];
    for (let ip = 0; ip < 20; ip++) for (let i = 0; i < 5; i++) outcomes.push(await guess(auth, account.email, `203.0.113.${ip}`, i));
    expect(outcomes.filter((kind) => kind === "authentication")).toHaveLength(100);
    // The 101st, from a fresh address, is refused even with the right password.
    await expect(auth.signIn(account, from("203.0.113.100"))).rejects.toMatchObject({ kind: "rate-limited" });
    expect(await guess(auth, account.email, "203.0.113.101", 0)).toBe("rate-limited");
    await expect(auth.signIn(account, from("192.0.2.200"))).resolves.toBeDefined();

    // A reset proves the owner: the ceiling is lifted at once.
    await passwordReset.requestReset(account.email, from("192.0.2.200"));
    await resetRequests.drain();
    const token = /token=([\w-]+)/.exec(outbox.sent.at(-1)!.text)![1]!;
    const password = "a brand new passphrase";
    await passwordReset.resetPassword({ token, password }, from("192.0.2.200"));
    await expect(auth.signIn({ email: account.email, password }, from("203.0.113.102"))).resolves.toBeDefined();

    // Full again; an hour later anyone may try again.
    for (let ip = 20; ip < 40; ip++) for (let i = 0; i < 5; i++) await guess(auth, account.email, `203.0.113.${ip}`, i);
    await expect(auth.signIn({ email: account.email, password }, from("203.0.113.103"))).rejects.toMatchObject({ kind: "rate-limited" });
    clock.advance(61 * MINUTE);
    await expect(auth.signIn({ email: account.email, password }, from("203.0.113.103"))).resolves.toBeDefined();
  });
});
