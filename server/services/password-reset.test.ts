import { describe, expect, it } from "vitest";
import { accountServices, APP_URL, from, newAccount } from "../../tests/support/account-services";
import { MINUTE } from "../../tests/support/test-clock";

async function withAccount() {
  const services = accountServices();
  const account = newAccount();
  const { session } = await services.auth.signUp(account, from());
  services.outbox.sent.length = 0; // the sign-up's verification email; these tests look at the reset's
  return { ...services, account, session };
}

type Services = Awaited<ReturnType<typeof withAccount>>;

/** Asks for a reset, then lets the worker run the queued job. */
async function askForReset(services: Services, email: string, origin = from()) {
  await services.passwordReset.requestReset(email, origin);
  await services.resetRequests.drain();
}

function tokenFrom(text: string) {
  const match = /\/auth\/reset-password-form\?token=([\w-]+)/.exec(text);
  if (!match) throw new Error("no reset link in the email");
  return match[1]!;
}

describe("asking for a reset", () => {
  it("does the same work for a known and an unknown address: it only queues one job (SECURITY 10)", async () => {
    const services = await withAccount();
    const { passwordReset, resetRequests, outbox, tokens, account } = services;
    await expect(passwordReset.requestReset("nobody@example.test", from())).resolves.toBeUndefined();
    await expect(passwordReset.requestReset(account.email, from())).resolves.toBeUndefined();
    expect(resetRequests.sent).toEqual([
      { email: "nobody@example.test", ip: from().ip },
      { email: account.email, ip: from().ip },
    ]);
    // Nothing about the account is looked up or written until the worker runs the job.
    expect(outbox.sent).toHaveLength(0);
    expect(tokens.all).toHaveLength(0);

    await resetRequests.drain();
    expect(outbox.sent.map((m) => m.to.email)).toEqual([account.email]);
  });

  it("for an unknown or a deactivated address sends nothing and answers the same", async () => {
    const services = await withAccount();
    services.users.all[0]!.isActive = false;
    await expect(askForReset(services, "nobody@example.test")).resolves.toBeUndefined();
    await expect(askForReset(services, services.account.email)).resolves.toBeUndefined();
    expect(services.outbox.sent).toHaveLength(0);
    expect(services.tokens.all).toHaveLength(0);
  });

  it("emails an absolute link from APP_URL and stores only the token's SHA-256", async () => {
    const services = await withAccount();
    const { outbox, tokens, account } = services;
    await askForReset(services, account.email);
    expect(outbox.sent).toHaveLength(1);
    // Queued with the token row, in one transaction.
    expect(outbox.sent[0]!.tx).toEqual({ fake: "transaction" });
    const email = outbox.sent[0]!;
    expect(email.to.email).toBe(account.email);
    expect(email.text).toContain(`${APP_URL}/auth/reset-password-form?token=`);
    const token = tokenFrom(email.text);
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(tokens.all).toHaveLength(1);
    expect(tokens.all[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(tokens.all[0]!).map(String)).not.toContain(token);
  });

  it("voids the older link when a new one is asked for", async () => {
    const services = await withAccount();
    const { passwordReset, outbox, account } = services;
    await passwordReset.requestReset(account.email, from());
    await passwordReset.requestReset(account.email, from());
    await services.resetRequests.drain();
    const [older, newer] = outbox.sent.map((m) => tokenFrom(m.text));
    expect(await passwordReset.isUsable(older!)).toBe(false);
    expect(await passwordReset.isUsable(newer!)).toBe(true);
  });

  it("sends at most 5 emails an hour to one address; over the limit it answers the same and sends nothing", async () => {
    const services = await withAccount();
    const { passwordReset, resetRequests, outbox, account } = services;
    for (let i = 0; i < 5; i++) await passwordReset.requestReset(account.email, from(`192.0.2.${i + 10}`));
    await expect(passwordReset.requestReset(account.email, from("192.0.2.99"))).resolves.toBeUndefined();
    expect(resetRequests.sent).toHaveLength(5);
    await resetRequests.drain();
    expect(outbox.sent).toHaveLength(5);
  });

  it("takes at most 10 requests an hour from one IP; over the limit it answers the same and sends nothing", async () => {
    const services = await withAccount();
    const { passwordReset, outbox, auth } = services;
    const people = Array.from({ length: 11 }, () => newAccount());
    for (const person of people) await auth.signUp(person, from(`198.51.100.${people.indexOf(person)}`));
    services.outbox.sent.length = 0; // the sign-ups' verification emails
    for (const person of people) await expect(passwordReset.requestReset(person.email, from("192.0.2.77"))).resolves.toBeUndefined();
    await services.resetRequests.drain();
    expect(outbox.sent.map((m) => m.to.email)).toEqual(people.slice(0, 10).map((p) => p.email));
  });
});

describe("using the link", () => {
  it("works once", async () => {
    const services = await withAccount();
    const { passwordReset, outbox, account } = services;
    await askForReset(services, account.email);
    const token = tokenFrom(outbox.sent[0]!.text);
    await passwordReset.resetPassword({ token, password: "a fresh passphrase" }, from());
    await expect(passwordReset.resetPassword({ token, password: "another passphrase" }, from())).rejects.toMatchObject({
      kind: "invalid-token",
    });
  });

  it("works at 59 minutes, not at 61", async () => {
    const early = await withAccount();
    await askForReset(early, early.account.email);
    early.clock.advance(59 * MINUTE);
    await expect(
      early.passwordReset.resetPassword({ token: tokenFrom(early.outbox.sent[0]!.text), password: "a fresh passphrase" }, from()),
    ).resolves.toBeUndefined();

    const late = await withAccount();
    await askForReset(late, late.account.email);
    late.clock.advance(61 * MINUTE);
    await expect(
      late.passwordReset.resetPassword({ token: tokenFrom(late.outbox.sent[0]!.text), password: "a fresh passphrase" }, from()),
    ).rejects.toMatchObject({ kind: "invalid-token" });
  });

  it("changes the password, ends every session, marks the email verified and sends a notice", async () => {
    const services = await withAccount();
    const { passwordReset, outbox, account, auth, sessions, session, users, clock } = services;
    const { session: other } = await auth.signIn(account, from());
    await askForReset(services, account.email);
    await passwordReset.resetPassword({ token: tokenFrom(outbox.sent[0]!.text), password: "a fresh passphrase" }, from());

    expect(await sessions.authenticate(session.token)).toBeNull();
    expect(await sessions.authenticate(other.token)).toBeNull();
    expect(users.all[0]!.emailVerifiedAt).toEqual(clock.now());
    await expect(auth.signIn(account, from())).rejects.toMatchObject({ kind: "authentication" });
    await expect(auth.signIn({ email: account.email, password: "a fresh passphrase" }, from())).resolves.toBeDefined();
    expect(outbox.sent.map((m) => m.kind)).toEqual(["password-reset", "password-changed"]);
    // Written inside the same transaction as the password change.
    expect(outbox.sent[1]!.tx).toEqual({ fake: "transaction" });
  });

  it("refuses a common new password without spending the link", async () => {
    const services = await withAccount();
    const { passwordReset, outbox, account } = services;
    await askForReset(services, account.email);
    const token = tokenFrom(outbox.sent[0]!.text);
    await expect(passwordReset.resetPassword({ token, password: "password1234" }, from())).rejects.toMatchObject({
      kind: "validation",
    });
    expect(await passwordReset.isUsable(token)).toBe(true);
  });
});
