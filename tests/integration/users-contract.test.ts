import { expect, it } from "vitest";
import { describeRepositoryContract } from "../support/repository-contract";
import { newUserData } from "../support/user-factory";

const newUser = () => {
  const { password: _, ...user } = newUserData({ prefix: "uc" });
  return { ...user, passwordHash: "not-a-real-hash" };
};
const at = new Date("2026-02-03T04:05:06Z");

describeRepositoryContract("users repository", (world) => {
  const make = () => world().users;
  it("creates a user and finds them by id and by email in any case", async () => {
    const users = make();
    const input = newUser();
    const created = await users.create(input);
    expect(created).toMatchObject({ ...input, emailVerifiedAt: null, lastLogin: null });
    expect(await users.findById(created.id)).toMatchObject({ id: created.id });
    expect(await users.findByEmail(input.email.toUpperCase())).toMatchObject({ id: created.id });
    expect(await users.findTaken(input.email.toUpperCase(), "someone-else")).toEqual({ email: true, username: false });
  });

  it("refuses a taken email or username with a conflict", async () => {
    const users = make();
    const first = newUser();
    await users.create(first);
    await expect(users.create({ ...newUser(), email: first.email })).rejects.toMatchObject({ kind: "conflict" });
    await expect(users.create({ ...newUser(), username: first.username })).rejects.toMatchObject({ kind: "conflict" });
    const other = await users.create(newUser());
    await expect(users.updateProfile(other.id, { name: "X", username: first.username }, at)).rejects.toMatchObject({ kind: "conflict" });
    await expect(users.changeEmail(other.id, first.email, at)).rejects.toMatchObject({ kind: "conflict" });
  });

  it("marks an email verified only for the address the user has, once", async () => {
    const users = make();
    const user = await users.create(newUser());
    expect(await users.markEmailVerified(user.id, "someone.else@example.test", at)).toBe(false);
    expect(await users.markEmailVerified(user.id, user.email, at)).toBe(true);
    await users.markEmailVerified(user.id, user.email, new Date(at.getTime() + 1000));
    expect((await users.findById(user.id))?.emailVerifiedAt).toEqual(at);
  });
});
