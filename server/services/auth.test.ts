import { describe, expect, it, vi } from "vitest";
import { accountServices, from, newAccount } from "../../tests/support/account-services";
import { SIGN_IN_FAILED } from "./auth";

describe("sign-up", () => {
  it("creates the account and a session whose token authenticates", async () => {
    const { auth, sessions, users } = accountServices();
    const account = newAccount();
    const { user, session } = await auth.signUp(account, from());
    expect(user).toEqual({ id: expect.any(String), username: account.username, email: account.email, name: account.name, emailVerified: false });
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

  it("refuses the 11th attempt from an IP after 10 failures, even with the right password, then lets the owner in later", async () => {
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
    clock.advance(11 * 60_000);
    await expect(auth.signIn(account, from("198.51.100.9"))).resolves.toBeDefined();
  });

  it("counts concurrent guesses before checking them: 25 at once from one IP get 10 password checks", async () => {
    const { auth, passwords } = accountServices();
    const account = newAccount();
    await auth.signUp(account, from());
    const verify = vi.spyOn(passwords, "verify");
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) => auth.signIn({ email: account.email, password: `guess ${i} wrong` }, from("198.51.100.10")).catch((e: { kind: string }) => e.kind)),
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
