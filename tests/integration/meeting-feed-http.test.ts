import { createHash } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { documentedServerForFile } from "../support/documented-server";
import { bodyOf } from "../support/api-client";
import { rawRequest } from "../support/http-client";
import { TEST_LIVEKIT_ENV } from "../support/test-livekit";
import { newUserData } from "../support/user-factory";

// Meeting entries over the JSON API: signed webhooks in through the real route, the post list out,
// every response checked against the server's own OpenAPI document.
const file = documentedServerForFile({ env: TEST_LIVEKIT_ENV });
const { LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = TEST_LIVEKIT_ENV;

const call = (...args: Parameters<typeof file.api.call>) => file.api.call(...args);

async function webhook(event: Record<string, unknown>) {
  const body = JSON.stringify({ id: `EV_${crypto.randomUUID()}`, ...event });
  const token = new AccessToken(apiKey, apiSecret, { ttl: 300 });
  token.sha256 = createHash("sha256").update(body).digest("base64");
  const response = await rawRequest(`${file.server.url}/api/livekit/webhook`, {
    method: "POST",
    headers: { "Content-Type": "application/webhook+json", Authorization: await token.toJwt() },
    body,
  });
  expect(response.status, response.body).toBe(200);
}

describe("meeting entries in the API's post list", () => {
  it("come with their kind and a snake_case meeting summary, and cannot be deleted (403)", async () => {
    const person = newUserData({ prefix: "apifeed", name: "Ada" });
    const signedUp = await call("POST", "/api/auth/signup", {}, { body: { ...person, confirm_password: person.password } });
    expect(signedUp.status, signedUp.body).toBe(201);
    const { token, user } = bodyOf(signedUp) as { token: string; user: { id: string } };
    const created = await call("POST", "/api/rooms", {}, { token, body: { room_name: "Sync", description: "Weekly" } });
    expect(created.status, created.body).toBe(201);
    const room = bodyOf(created) as { id: string };
    expect((await call("POST", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token, body: { message: "Hello" } })).status).toBe(201);

    const at = Math.floor(Date.now() / 1000);
    const livekitRoom = { name: `parley-${room.id}`, sid: "RM_api" };
    const participant = { identity: user.id, sid: "PA_api" };
    await webhook({ event: "participant_joined", createdAt: String(at), room: livekitRoom, participant });
    await webhook({ event: "participant_left", createdAt: String(at + 23 * 60), room: livekitRoom, participant });

    const list = await call("GET", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token });
    expect(list.status).toBe(200);
    // Newest first, as every list of the API.
    const posts = (bodyOf(list) as Array<Record<string, unknown>>).reverse();
    expect(posts.map((p) => p.kind)).toEqual(["post", "meeting_started", "meeting_ended"]);
    expect(posts[0]).toMatchObject({ kind: "post", creator_id: user.id, meeting: null });
    const summary = {
      started_at: new Date(at * 1000).toISOString(),
      ended_at: new Date((at + 23 * 60) * 1000).toISOString(),
      duration_seconds: 23 * 60,
      attendees: ["Ada"],
    };
    expect(posts[1]).toMatchObject({ kind: "meeting_started", creator_id: null, creator: null, message: "", meeting: summary });
    expect(posts[2]).toMatchObject({ kind: "meeting_ended", creator_id: null, creator: null, meeting: summary });

    for (const entry of posts.slice(1)) {
      const refused = await call("DELETE", "/api/rooms/{roomId}/posts/{postId}", { roomId: room.id, postId: String(entry.id) }, { token });
      expect(refused.status).toBe(403);
      expect(bodyOf(refused).message).toMatch(/cannot be changed/);
    }
    const again = bodyOf(await call("GET", "/api/rooms/{roomId}/posts", { roomId: room.id }, { token })) as Array<{ is_deleted: boolean }>;
    expect(again.filter((p) => p.is_deleted)).toEqual([]);
  });
});
