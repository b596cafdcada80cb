import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicUser } from "../../server/services/sessions";
import { MINUTE } from "../support/test-clock";
import { queryRows, signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";

// @mentions through the real posts service, composition root and database: who a post names, and
// who is emailed about it (through the outbox), when.
let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const services = () => runtime.container.services;

/** A room "Launch planning" of Ada's, with Bob and Cy as members (each with an account, its address proven). */
async function launchRoom() {
  const ada = await signUpTestUser(runtime, { prefix: "mention", name: "Ada" });
  const bob = await signUpTestUser(runtime, { prefix: "mention", name: "Bob", verified: true });
  const cy = await signUpTestUser(runtime, { prefix: "mention", name: "Cy", verified: true });
  const room = await services().rooms.create(ada, { name: "Launch planning", description: null });
  for (const member of [bob, cy]) {
    await queryRows(
      runtime,
      `insert into room_participants (room_id, user_id, email, name, role, joined_at) values (:roomId, :userId, :email, :name, 'participant', now())`,
      { roomId: room.id, userId: member.id, email: member.email, name: member.name },
    );
  }
  return { ada, bob, cy, room };
}

/** The mention emails queued for this person. */
async function mentionEmails(person: PublicUser) {
  return queryRows(
    runtime,
    "select subject, text_body from email_outbox where to_email = :email and kind = 'mention' order by created_at",
    {
      email: person.email,
    },
  );
}

async function mentionRows(postId: string) {
  const rows = await queryRows(runtime, "select user_id, room_id from post_mentions where post_id = :postId order by user_id", { postId });
  return rows.map((row) => row.user_id);
}

describe("mentions", () => {
  it("records the members a post names and emails each of them once, with who, where, the words and the link", async () => {
    const { ada, bob, cy, room } = await launchRoom();
    const post = await services().posts.create(ada.id, room.id, {
      message: `@${bob.username} look, and @${cy.username.toUpperCase()} too`,
    });

    expect(post.mentions.map((m) => m.userId).sort()).toEqual([bob.id, cy.id].sort());
    expect(await mentionRows(post.id)).toEqual([bob.id, cy.id].sort());
    const [email] = await mentionEmails(bob);
    expect(email!.subject).toBe("Ada mentioned you in Launch planning");
    expect(String(email!.text_body).replace(/\u2060/g, "")).toContain(`@${bob.username} look`);
    expect(email!.text_body).toContain(`${runtime.config.appUrl}/room/${room.id}#post-${post.id}`);
    expect(await mentionEmails(cy)).toHaveLength(1);

    // The feed's one query carries them.
    const page = await services().posts.page(bob.id, room.id);
    expect(page.posts.find((p) => p.id === post.id)!.mentions).toEqual(
      [
        { userId: bob.id, username: bob.username },
        { userId: cy.id, username: cy.username },
      ].sort((a, b) => a.username.localeCompare(b.username)),
    );
  });

  it("throttles: two mentions within 10 minutes send one email; after 10 minutes another", async () => {
    const { ada, bob, room } = await launchRoom();
    await services().posts.create(ada.id, room.id, { message: `@${bob.username} first` });
    runtime.clock.advance(9 * MINUTE);
    const second = await services().posts.create(ada.id, room.id, { message: `@${bob.username} second` });
    expect(await mentionRows(second.id)).toEqual([bob.id]);
    expect(await mentionEmails(bob)).toHaveLength(1);

    runtime.clock.advance(MINUTE);
    await services().posts.create(ada.id, room.id, { message: `@${bob.username} third` });
    const emails = await mentionEmails(bob);
    expect(emails).toHaveLength(2);
    expect(emails[1]!.text_body).toContain("third");
  });

  it("the throttle is per room: a mention in another room is emailed at once", async () => {
    const { ada, bob, room } = await launchRoom();
    const other = await services().rooms.create(ada, { name: "Other", description: null });
    await queryRows(
      runtime,
      `insert into room_participants (room_id, user_id, email, name, role) values (:roomId, :userId, :email, 'Bob', 'participant')`,
      { roomId: other.id, userId: bob.id, email: bob.email },
    );
    await services().posts.create(ada.id, room.id, { message: `@${bob.username} here` });
    await services().posts.create(ada.id, other.id, { message: `@${bob.username} there` });
    expect(await mentionEmails(bob)).toHaveLength(2);
  });

  it("one's own mention names nobody and sends nothing", async () => {
    const { ada, room } = await launchRoom();
    const post = await services().posts.create(ada.id, room.id, { message: `note to self @${ada.username}` });
    expect(post.mentions).toEqual([]);
    expect(await mentionRows(post.id)).toEqual([]);
    expect(await mentionEmails(ada)).toHaveLength(0);
  });

  it("someone whose setting says never is named but not emailed", async () => {
    const { ada, bob, room } = await launchRoom();
    await services().profile.setMentionEmails(bob.id, false);
    const post = await services().posts.create(ada.id, room.id, { message: `@${bob.username} ping` });
    expect(await mentionRows(post.id)).toEqual([bob.id]);
    expect(await mentionEmails(bob)).toHaveLength(0);
  });

  it("someone whose address is not proven is named but not emailed: a room's words go to proven addresses only", async () => {
    const { ada, room } = await launchRoom();
    const dee = await signUpTestUser(runtime, { prefix: "mention", name: "Dee" });
    await queryRows(
      runtime,
      `insert into room_participants (room_id, user_id, email, name, role, joined_at) values (:roomId, :userId, :email, :name, 'participant', now())`,
      { roomId: room.id, userId: dee.id, email: dee.email, name: dee.name },
    );
    const post = await services().posts.create(ada.id, room.id, { message: `@${dee.username} welcome` });
    expect(await mentionRows(post.id)).toEqual([dee.id]);
    expect(await mentionEmails(dee)).toHaveLength(0);
  });

  it("editing a post to name someone new emails only them; names dropped are no longer recorded", async () => {
    const { ada, bob, cy, room } = await launchRoom();
    const post = await services().posts.create(ada.id, room.id, { message: `@${bob.username} draft` });
    runtime.clock.advance(11 * MINUTE);
    const edited = await services().posts.edit(ada.id, room.id, post.id, { message: `@${bob.username} and @${cy.username} final` });
    expect(edited.mentions.map((m) => m.userId).sort()).toEqual([bob.id, cy.id].sort());
    expect(await mentionEmails(bob)).toHaveLength(1);
    expect(await mentionEmails(cy)).toHaveLength(1);

    await services().posts.edit(ada.id, room.id, post.id, { message: `@${cy.username} only` });
    expect(await mentionRows(post.id)).toEqual([cy.id]);
  });

  it("code spans, code blocks and email addresses name nobody", async () => {
    const { ada, bob, room } = await launchRoom();
    const post = await services().posts.create(ada.id, room.id, {
      message: `run \`@${bob.username}\`\n\n\`\`\`\n@${bob.username}\n\`\`\`\nwrite to x@${bob.username}.test`,
    });
    expect(post.mentions).toEqual([]);
    expect(await mentionEmails(bob)).toHaveLength(0);
  });

  it("someone removed from the room, or never in it, is neither named nor emailed", async () => {
    const { ada, bob, room } = await launchRoom();
    const stranger = await signUpTestUser(runtime, { prefix: "mention", name: "Stranger" });
    const [row] = await queryRows(runtime, "select id from room_participants where room_id = :roomId and user_id = :userId", {
      roomId: room.id,
      userId: bob.id,
    });
    await services().participants.remove(ada.id, room.id, String(row!.id));
    const post = await services().posts.create(ada.id, room.id, { message: `@${bob.username} @${stranger.username} hello` });
    expect(post.mentions).toEqual([]);
    expect(await mentionEmails(bob)).toHaveLength(0);
    expect(await mentionEmails(stranger)).toHaveLength(0);
  });

  it("a deleted post names nobody", async () => {
    const { ada, bob, room } = await launchRoom();
    const post = await services().posts.create(ada.id, room.id, { message: `@${bob.username} oops` });
    await services().posts.delete(ada.id, room.id, post.id);
    expect(await mentionRows(post.id)).toEqual([]);
  });

  it("suggests the room's members with an account (not oneself) to members only", async () => {
    const { ada, bob, cy, room } = await launchRoom();
    const suggestions = await services().mentions.suggestions(ada.id, room.id);
    expect(suggestions.map((s) => s.userId).sort()).toEqual([bob.id, cy.id].sort());
    expect(suggestions[0]).toEqual(expect.objectContaining({ username: expect.any(String), name: expect.any(String) }));
    const stranger = await signUpTestUser(runtime, { prefix: "mention", name: "Stranger" });
    await expect(services().mentions.suggestions(stranger.id, room.id)).rejects.toMatchObject({ kind: "not-found" });
  });
});
