import { afterAll, beforeAll, describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { createPasswordResetTokensRepository } from "../../server/repositories/password-reset-tokens";
import { createUsersRepository } from "../../server/repositories/users";
import { generateLinkToken, hashLinkToken } from "../../server/services/tokens";
import { MINUTE } from "../support/test-clock";
import { resetRequestsHandled, startTestRuntime, type TestRuntime } from "../support/test-runtime";
import { newUserData } from "../support/user-factory";

let runtime: TestRuntime;
/** Each call looks like a new client, so the per-IP limits (tested elsewhere) stay out of the way. */
const origins = { next: 0 };
const newOrigin = () => ({ ip: `198.51.100.${(origins.next++ % 250) + 1}`, userAgent: "vitest" });

beforeAll(async () => {
  runtime = await startTestRuntime();
  await runtime.container.startWorkers(["reset-requests"]);
});
afterAll(async () => {
  await runtime?.close();
});

const newUser = () => newUserData({ prefix: "db" });

async function countRows(sql: string, replacements: Record<string, unknown> = {}) {
  const [rows] = await runtime.sequelize.query(sql, { replacements });
  return (rows as Array<{ n: number }>)[0]!.n;
}

describe("users on the real database", () => {
  it("stores bcrypt hashes of cost 10 or more, never the password", async () => {
    const user = newUser();
    await runtime.container.services.auth.signUp(user, newOrigin());
    const [rows] = await runtime.sequelize.query("select password_hash from users where email = :email", {
      replacements: { email: user.email },
    });
    const hash = (rows as Array<{ password_hash: string }>)[0]!.password_hash;
    expect(hash).not.toContain(user.password);
    expect(bcrypt.getRounds(hash)).toBeGreaterThanOrEqual(10);
  });

  it("refuses a second email or username that differs only in case, even bypassing the service", async () => {
    const user = newUser();
    await runtime.container.services.auth.signUp(user, newOrigin());
    const users = createUsersRepository();
    await expect(users.create({ username: `${user.username}x`, email: user.email, name: "x", passwordHash: "x" })).rejects.toMatchObject({
      kind: "conflict",
    });
    await expect(
      users.create({ username: user.username.toUpperCase(), email: `other.${user.email}`, name: "x", passwordHash: "x" }),
    ).rejects.toMatchObject({ kind: "conflict" });
    await expect(
      runtime.container.services.auth.signUp({ ...newUser(), email: user.email.toUpperCase() }, newOrigin()),
    ).rejects.toMatchObject({ kind: "conflict", fields: { email: [expect.any(String)] } });
    expect(await countRows("select count(*)::int as n from users where lower(email) = :email", { email: user.email })).toBe(1);
  });

  it("signs in with the email in any case, and records the login time", async () => {
    const user = newUser();
    await runtime.container.services.auth.signUp(user, newOrigin());
    const { user: signedIn } = await runtime.container.services.auth.signIn(
      { email: user.email.toUpperCase(), password: user.password },
      newOrigin(),
    );
    expect(signedIn.email).toBe(user.email);
    expect(
      await countRows("select count(*)::int as n from users where email = :email and last_login is not null", { email: user.email }),
    ).toBe(1);
  });

  it("never compares only the first 72 bytes of a password", async () => {
    const user = { ...newUser(), password: `${"a".repeat(71)}X` };
    await runtime.container.services.auth.signUp(user, newOrigin());
    await expect(
      runtime.container.services.auth.signIn({ email: user.email, password: `${"a".repeat(71)}X${"Y".repeat(5)}` }, newOrigin()),
    ).rejects.toMatchObject({ kind: "authentication" });
  });
});

describe("sessions on the real database", () => {
  it("a revoked session's JWT, though validly signed, is rejected", async () => {
    const { session } = await runtime.container.services.auth.signUp(newUser(), newOrigin());
    const { sessions } = runtime.container.services;
    expect(await sessions.authenticate(session.token)).not.toBeNull();
    await runtime.container.services.auth.signOut(session.sessionId);
    expect(await sessions.authenticate(session.token)).toBeNull();
  });

  it("'sign out other sessions' keeps only the current one", async () => {
    const user = newUser();
    const { session: first } = await runtime.container.services.auth.signUp(user, newOrigin());
    const { session: second } = await runtime.container.services.auth.signIn(user, newOrigin());
    const { session: third } = await runtime.container.services.auth.signIn(user, newOrigin());
    expect(
      await runtime.container.services.auth.signOutOtherSessions(
        (await runtime.container.services.sessions.authenticate(third.token))!.user.id,
        third.sessionId,
      ),
    ).toBe(2);
    const { sessions } = runtime.container.services;
    expect(await sessions.authenticate(first.token)).toBeNull();
    expect(await sessions.authenticate(second.token)).toBeNull();
    expect(await sessions.authenticate(third.token)).not.toBeNull();
  });
});

describe("reset tokens on the real database", () => {
  async function userWithToken(ageMinutes = 0) {
    const user = newUser();
    const { user: created } = await runtime.container.services.auth.signUp(user, newOrigin());
    const token = generateLinkToken();
    const createdAt = new Date(runtime.clock.now().getTime() - ageMinutes * MINUTE);
    await createPasswordResetTokensRepository().replaceForUser({
      userId: created.id,
      tokenHash: hashLinkToken(token),
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 60 * MINUTE),
    });
    return { user, token };
  }

  it("stores only the SHA-256 of the token", async () => {
    const { token } = await userWithToken();
    const [rows] = await runtime.sequelize.query("select * from password_reset_tokens");
    for (const row of rows as Array<Record<string, unknown>>) {
      expect(Object.values(row).map(String)).not.toContain(token);
    }
    expect(await countRows("select count(*)::int as n from password_reset_tokens where token_hash = :h", { h: hashLinkToken(token) })).toBe(
      1,
    );
  });

  it("works at 59 minutes and not at 61", async () => {
    const fresh = await userWithToken(59);
    const stale = await userWithToken(61);
    const reset = runtime.container.services.passwordReset;
    await expect(reset.resetPassword({ token: fresh.token, password: "new passphrase here" }, newOrigin())).resolves.toBeUndefined();
    await expect(reset.resetPassword({ token: stale.token, password: "new passphrase here" }, newOrigin())).rejects.toMatchObject({
      kind: "invalid-token",
    });
  });

  it("of two concurrent submissions of one token, exactly one succeeds", async () => {
    const { token } = await userWithToken();
    const reset = runtime.container.services.passwordReset;
    const results = await Promise.allSettled([
      reset.resetPassword({ token, password: "first concurrent passphrase" }, newOrigin()),
      reset.resetPassword({ token, password: "second concurrent passphrase" }, newOrigin()),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });

  it("a reset marks the email verified, ends sessions and queues the 'password changed' email in one transaction", async () => {
    const { user, token } = await userWithToken();
    const { session } = await runtime.container.services.auth.signIn(user, newOrigin());
    await runtime.container.services.passwordReset.resetPassword({ token, password: "new passphrase here" }, newOrigin());
    expect(await runtime.container.services.sessions.authenticate(session.token)).toBeNull();
    expect(
      await countRows("select count(*)::int as n from users where email = :e and email_verified_at is not null", { e: user.email }),
    ).toBe(1);
    expect(
      await countRows("select count(*)::int as n from email_outbox where to_email = :e and kind = 'password-changed'", { e: user.email }),
    ).toBe(1);
    expect(
      await countRows(
        "select count(*)::int as n from pgboss.job j join email_outbox o on (j.data->>'outboxId')::uuid = o.id where o.to_email = :e and o.kind = 'password-changed'",
        { e: user.email },
      ),
    ).toBe(1);
  });

  it("changing the password on the profile does not prove the address (only a reset link does)", async () => {
    const user = newUser();
    const { user: created, session } = await runtime.container.services.auth.signUp(user, newOrigin());
    await runtime.container.services.profile.changePassword(created.id, session.sessionId, {
      currentPassword: user.password,
      password: "another long passphrase",
    });
    expect(await countRows("select count(*)::int as n from users where id = :id and email_verified_at is null", { id: created.id })).toBe(
      1,
    );
  });

  it("a new request voids the older link", async () => {
    const user = newUser();
    await runtime.container.services.auth.signUp(user, newOrigin());
    const reset = runtime.container.services.passwordReset;
    await reset.requestReset(user.email, newOrigin());
    await reset.requestReset(user.email, newOrigin());
    await resetRequestsHandled(runtime);
    expect(
      await countRows("select count(*)::int as n from password_reset_tokens t join users u on u.id = t.user_id where u.email = :e", {
        e: user.email,
      }),
    ).toBe(2);
    expect(
      await countRows(
        "select count(*)::int as n from password_reset_tokens t join users u on u.id = t.user_id where u.email = :e and t.used_at is null",
        { e: user.email },
      ),
    ).toBe(1);
  });
});
