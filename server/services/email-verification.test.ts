import { describe, expect, it } from "vitest";
import { accountServices, from, latestEmailToken, newAccount } from "../../tests/support/account-services";
import { HOUR } from "../../tests/support/test-clock";
import { EMAIL_TOKEN_TTL_HOURS } from "./email-verification";
import { hashLinkToken } from "./tokens";

async function signedUp() {
  const services = accountServices();
  const account = newAccount();
  const { user, session } = await services.auth.signUp(account, from());
  return { ...services, account, user, session };
}

describe("verification on sign-up", () => {
  it("queues a link with the account, in the same transaction; only the token's SHA-256 is stored, valid 24 h", async () => {
    const s = await signedUp();
    expect(s.user.emailVerified).toBe(false);
    const [email] = s.outbox.sent;
    expect(email).toMatchObject({ kind: "email-verify", to: { email: s.account.email }, tx: { fake: "transaction" } });
    const token = latestEmailToken(s.outbox, s.account.email);
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(s.emailTokens.all).toHaveLength(1);
    expect(s.emailTokens.all[0]!.tokenHash).toBe(hashLinkToken(token));
    expect(Object.values(s.emailTokens.all[0]!).map(String)).not.toContain(token);
    expect(s.emailTokens.all[0]!.expiresAt.getTime() - s.clock.now().getTime()).toBe(EMAIL_TOKEN_TTL_HOURS * HOUR);
  });

  it("confirming proves the address and replaces every session by one fresh session for this browser (SECURITY 35)", async () => {
    const s = await signedUp();
    const { session: elsewhere } = await s.auth.signIn(s.account, from("192.0.2.9"));
    const confirmed = await s.emailVerification.confirm(latestEmailToken(s.outbox, s.account.email), { userId: s.user.id }, from());
    expect(confirmed).toMatchObject({ purpose: "verify", email: s.account.email });
    expect(await s.sessions.authenticate(s.session.token)).toBeNull();
    expect(await s.sessions.authenticate(elsewhere.token)).toBeNull();
    const fresh = await s.sessions.authenticate(confirmed.session!.token);
    expect(fresh?.user).toMatchObject({ id: s.user.id, emailVerified: true });
    expect(confirmed.session!.sessionId).not.toBe(s.session.sessionId);
  });

  it("confirmed from a browser signed out (or signed in as someone else) ends every session and starts none", async () => {
    const s = await signedUp();
    const confirmed = await s.emailVerification.confirm(latestEmailToken(s.outbox, s.account.email), null, from());
    expect(confirmed.session).toBeNull();
    expect(await s.sessions.authenticate(s.session.token)).toBeNull();
    expect(s.users.all[0]!.emailVerifiedAt).toEqual(s.clock.now());
  });

  it("works once; at 23 h 59 min but not at 24 h 1 min; opening the page (inspect) spends nothing", async () => {
    const s = await signedUp();
    const token = latestEmailToken(s.outbox, s.account.email);
    s.clock.advance(EMAIL_TOKEN_TTL_HOURS * HOUR - 60_000);
    expect(await s.emailVerification.inspect(token)).toEqual({ purpose: "verify", email: s.account.email });
    expect(await s.emailVerification.inspect(token)).not.toBeNull();
    await s.emailVerification.confirm(token, null, from());
    await expect(s.emailVerification.confirm(token, null, from())).rejects.toMatchObject({ kind: "invalid-token" });

    const late = await signedUp();
    late.clock.advance(EMAIL_TOKEN_TTL_HOURS * HOUR + 60_000);
    const lateToken = latestEmailToken(late.outbox, late.account.email);
    expect(await late.emailVerification.inspect(lateToken)).toBeNull();
    await expect(late.emailVerification.confirm(lateToken, null, from())).rejects.toMatchObject({ kind: "invalid-token" });
    expect(late.users.all[0]!.emailVerifiedAt).toBeNull();
  });
});

describe("resending the link", () => {
  it("voids the older link; a proven account is sent nothing", async () => {
    const s = await signedUp();
    const first = latestEmailToken(s.outbox, s.account.email);
    await s.emailVerification.resend(s.user, from());
    const second = latestEmailToken(s.outbox, s.account.email);
    expect(second).not.toBe(first);
    await expect(s.emailVerification.confirm(first, null, from())).rejects.toMatchObject({ kind: "invalid-token" });
    await s.emailVerification.confirm(second, null, from());
    const sent = s.outbox.sent.length;
    await s.emailVerification.resend({ ...s.user, emailVerified: true }, from());
    expect(s.outbox.sent).toHaveLength(sent);
  });

  it("is limited per address and per IP; over the limit it answers the same and sends nothing", async () => {
    const s = await signedUp();
    for (let i = 0; i < 5; i++) await expect(s.emailVerification.resend(s.user, from(`192.0.2.${i + 10}`))).resolves.toBeUndefined();
    expect(s.outbox.sent).toHaveLength(6);
    await expect(s.emailVerification.resend(s.user, from("192.0.2.99"))).resolves.toBeUndefined();
    expect(s.outbox.sent).toHaveLength(6);

    const t = accountServices();
    for (let i = 0; i < 11; i++) {
      const { user } = await t.auth.signUp(newAccount(), from(`198.51.100.${i}`));
      await t.emailVerification.resend(user, from("203.0.113.7"));
    }
    expect(t.outbox.sent.filter((m) => m.kind === "email-verify")).toHaveLength(11 + 10);
  });
});

describe("changing the email address", () => {
  it("needs the current password; the new address gets a link and replaces the old one only when it is used", async () => {
    const s = await signedUp();
    const newEmail = "moved@example.test";
    await expect(
      s.profile.requestEmailChange(s.user.id, { email: newEmail, currentPassword: "not my password" }, from()),
    ).rejects.toMatchObject({
      kind: "authentication",
    });
    await s.profile.requestEmailChange(s.user.id, { email: newEmail, currentPassword: s.account.password }, from());
    expect(s.outbox.sent.at(-1)).toMatchObject({ kind: "email-change", to: { email: newEmail } });
    expect(s.users.all[0]!.email).toBe(s.account.email);

    const { session: elsewhere } = await s.auth.signIn(s.account, from("192.0.2.50"));
    const confirmed = await s.emailVerification.confirm(latestEmailToken(s.outbox, newEmail), { userId: s.user.id }, from());
    expect(s.users.all[0]).toMatchObject({ email: newEmail, emailVerifiedAt: s.clock.now() });
    const notice = s.outbox.sent.at(-1)!;
    expect(notice).toMatchObject({ kind: "email-changed", to: { email: s.account.email } });
    expect(notice.text).toContain(`changed to ${newEmail}`);
    expect(await s.sessions.authenticate(elsewhere.token)).toBeNull();
    expect(await s.sessions.authenticate(confirmed.session!.token)).not.toBeNull();
  });

  it("a taken address: a field error when asked, a clear conflict if taken by the time the link is used", async () => {
    const s = await signedUp();
    const other = newAccount();
    await s.auth.signUp(other, from("192.0.2.77"));
    await expect(
      s.profile.requestEmailChange(s.user.id, { email: other.email.toUpperCase(), currentPassword: s.account.password }, from()),
    ).rejects.toMatchObject({ kind: "conflict", fields: { email: [expect.stringContaining("Another account")] } });

    await s.profile.requestEmailChange(s.user.id, { email: "late@example.test", currentPassword: s.account.password }, from());
    const token = latestEmailToken(s.outbox, "late@example.test");
    await s.auth.signUp(newAccount({ email: "late@example.test" }), from("192.0.2.78"));
    await expect(s.emailVerification.confirm(token, null, from())).rejects.toMatchObject({ kind: "conflict" });
    expect(s.users.all[0]!.email).toBe(s.account.email);
  });

  it("wrong current passwords are throttled per user, on the password change and the email change alike", async () => {
    const s = await signedUp();
    const wrong = { currentPassword: "a wrong guess at it" };
    for (let i = 0; i < 3; i++) {
      await expect(
        s.profile.changePassword(s.user.id, s.session.sessionId, { ...wrong, password: "a new passphrase" }),
      ).rejects.toMatchObject({ kind: "authentication" });
    }
    for (let i = 0; i < 2; i++) {
      await expect(s.profile.requestEmailChange(s.user.id, { ...wrong, email: "x@example.test" }, from())).rejects.toMatchObject({
        kind: "authentication",
      });
    }
    await expect(
      s.profile.requestEmailChange(s.user.id, { email: "x@example.test", currentPassword: s.account.password }, from()),
    ).rejects.toMatchObject({
      kind: "rate-limited",
    });
    await expect(
      s.profile.changePassword(s.user.id, s.session.sessionId, { currentPassword: s.account.password, password: "a new passphrase" }),
    ).rejects.toMatchObject({
      kind: "rate-limited",
    });
  });
});

describe("a profile password change", () => {
  it("does not prove the address (SECURITY 33: only a reset link does)", async () => {
    const s = await signedUp();
    await s.profile.changePassword(s.user.id, s.session.sessionId, {
      currentPassword: s.account.password,
      password: "another passphrase here",
    });
    expect(s.users.all[0]!.emailVerifiedAt).toBeNull();
  });
});
