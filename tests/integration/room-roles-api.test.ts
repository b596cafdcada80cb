import { describe, expect, it } from "vitest";
import { documentedServerForFile } from "../support/documented-server";
import { bodyOf } from "../support/api-client";
import { queryRows, verifyTestUser } from "../support/test-runtime";

// The roles, leave, hand-over, invitation-link and meeting-removal endpoints over the real HTTP
// server and database, every answer checked against the published OpenAPI document.
const file = documentedServerForFile();
let sequence = 0;
const PASSWORD = "a roles api passphrase";

const call = (...args: Parameters<typeof file.api.call>) => file.api.call(...args);

async function account(name: string) {
  const id = `${Date.now().toString(36)}${sequence++}`;
  const email = `roles.${id}@example.test`;
  const signup = await call(
    "POST",
    "/api/auth/signup",
    {},
    {
      body: { username: `roles_${id}`, email, name, password: PASSWORD, confirm_password: PASSWORD },
    },
  );
  const { user } = bodyOf(signup);
  await verifyTestUser(file.server.runtime, user);
  const token = bodyOf(await call("POST", "/api/auth/signin", {}, { body: { email, password: PASSWORD } })).token as string;
  return { token, user: user as { id: string; email: string; name: string } };
}

async function pid(roomId: string, email: string) {
  const [row] = await queryRows(file.server.runtime, "select id from room_participants where room_id = :roomId and email = :email", {
    roomId,
    email,
  });
  return String(row!.id);
}

/** A room with its owner and a member who accepted their invitation. */
async function roomWithMember() {
  const owner = await account("Olive Owner");
  const member = await account("Milo Member");
  const room = bodyOf(await call("POST", "/api/rooms", {}, { token: owner.token, body: { room_name: "Roles API" } }));
  await call(
    "POST",
    "/api/rooms/{roomId}/participants",
    { roomId: room.id },
    {
      token: owner.token,
      body: { email: member.user.email, name: member.user.name },
    },
  );
  const [invite] = bodyOf(await call("GET", "/api/invites", {}, { token: member.token }));
  expect((await call("POST", "/api/invites/{inviteId}/accept", { inviteId: invite.id }, { token: member.token })).status).toBe(200);
  return { owner, member, roomId: room.id as string, memberId: await pid(room.id, member.user.email) };
}

const ROLE = "/api/rooms/{roomId}/participants/{participantId}/role";

describe("roles over the API", () => {
  it("the owner makes a member a moderator and back, answered in snake_case", async () => {
    const { owner, member, roomId, memberId } = await roomWithMember();
    const made = await call("PUT", ROLE, { roomId, participantId: memberId }, { token: owner.token, body: { role: "moderator" } });
    expect(made.status).toBe(200);
    expect(bodyOf(made)).toEqual({
      id: memberId,
      user_id: member.user.id,
      email: member.user.email,
      name: "Milo Member",
      role: "moderator",
    });
    const back = await call("PUT", ROLE, { roomId, participantId: memberId }, { token: owner.token, body: { role: "participant" } });
    expect(bodyOf(back).role).toBe("participant");
  });

  it("refuses a member (403), an unknown role by field (422) and a role change of the owner (422)", async () => {
    const { owner, member, roomId, memberId } = await roomWithMember();
    const ownerId = await pid(roomId, owner.user.email);
    expect((await call("PUT", ROLE, { roomId, participantId: ownerId }, { token: member.token, body: { role: "moderator" } })).status).toBe(
      403,
    );
    const bad = await call("PUT", ROLE, { roomId, participantId: memberId }, { token: owner.token, body: { role: "owner" } });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain("Choose moderator or participant");
    expect(
      (await call("PUT", ROLE, { roomId, participantId: ownerId }, { token: owner.token, body: { role: "participant" } })).status,
    ).toBe(422);
  });
});

describe("leaving and handing over over the API", () => {
  it("the owner cannot leave (403), hands the room over (200), then leaves (200)", async () => {
    const { owner, member, roomId, memberId } = await roomWithMember();
    const refused = await call("POST", "/api/rooms/{roomId}/leave", { roomId }, { token: owner.token });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain("hand it over to another member first");

    const missing = await call("PUT", "/api/rooms/{roomId}/owner", { roomId }, { token: owner.token, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body).toContain("participant_id");
    const handed = await call("PUT", "/api/rooms/{roomId}/owner", { roomId }, { token: owner.token, body: { participant_id: memberId } });
    expect(handed.status).toBe(200);
    expect(bodyOf(handed)).toMatchObject({ id: memberId, user_id: member.user.id, role: "owner" });
    expect(bodyOf(await call("GET", "/api/rooms/{roomId}", { roomId }, { token: member.token })).role).toBe("owner");
    expect(bodyOf(await call("GET", "/api/rooms/{roomId}", { roomId }, { token: owner.token })).role).toBe("moderator");

    expect((await call("POST", "/api/rooms/{roomId}/leave", { roomId }, { token: owner.token })).status).toBe(200);
    expect((await call("GET", "/api/rooms/{roomId}", { roomId }, { token: owner.token })).status).toBe(404);
  });
});

describe("invitation links over the API", () => {
  it("issues a fresh link (201, never cached) that replaces the emailed one", async () => {
    const { owner, member, roomId } = await roomWithMember();
    const email = `pending.${Date.now().toString(36)}@example.test`;
    await call("POST", "/api/rooms/{roomId}/participants", { roomId }, { token: owner.token, body: { email, name: "Ivy Invited" } });
    const participantId = await pid(roomId, email);
    const path = "/api/rooms/{roomId}/participants/{participantId}/invite-link";

    expect((await call("POST", path, { roomId, participantId }, { token: member.token })).status).toBe(403);
    const shared = await call("POST", path, { roomId, participantId }, { token: owner.token });
    expect(shared.status).toBe(201);
    expect(shared.headers["cache-control"]).toContain("no-store");
    const body = bodyOf(shared);
    expect(Object.keys(body).sort()).toEqual(["email", "expires_at", "name", "url"]);
    expect(body.url).toMatch(new RegExp(`/room/${roomId}/join\\?token=[\\w-]{43}$`));
    const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");
    expect((await file.api.client.get(pathOf(body.url))).status).toBe(200);
    const [mail] = await queryRows(file.server.runtime, "select text_body from email_outbox where to_email = :email", { email });
    const emailed = /https?:\/\/\S+\/join\?token=[\w-]+/.exec(String(mail!.text_body))![0];
    expect((await file.api.client.get(pathOf(emailed))).status).toBe(404);
  });
});

describe("removal from the meeting over the API", () => {
  it("is for the owner and moderators; LiveKit not configured here answers 503", async () => {
    const { owner, member, roomId, memberId } = await roomWithMember();
    const ownerId = await pid(roomId, owner.user.email);
    const path = "/api/rooms/{roomId}/meeting/participants/{participantId}";
    expect((await call("DELETE", path, { roomId, participantId: ownerId }, { token: member.token })).status).toBe(403);
    expect((await call("DELETE", path, { roomId, participantId: memberId }, { token: owner.token })).status).toBe(503);
  });
});
