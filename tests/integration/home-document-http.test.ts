import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingLiveKit } from "../support/fake-livekit";
import { sessionCookie } from "../support/live-feed";
import { signUpTestUser } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ livekit: recordingLiveKit() });
});
afterAll(async () => {
  await server?.close();
});

describe("My rooms' document", () => {
  // 27.7 KB when each room went to the browser whole (owner id, LiveKit name, three dates) and the user twice.
  it("sends each room as the page shows it, nothing more, in at most 23 KB for a page of 20 of 200 rooms", async () => {
    const { runtime } = server;
    const owner = await signUpTestUser(runtime, { prefix: "homedoc" });
    await runtime.sequelize.query(
      `with made as (
         insert into rooms (room_name, description, owner_id, livekit_room_name)
         select 'Room ' || g, 'Seeded room ' || g, :ownerId, 'parley-seeded-' || g from generate_series(1, 200) g returning id)
       insert into room_participants (room_id, user_id, email, name, role) select id, :ownerId, :email, :name, 'owner' from made`,
      { replacements: { ownerId: owner.id, email: owner.email, name: owner.name } },
    );
    const session = await runtime.container.services.sessions.start(owner.id);
    const response = await fetch(`${server.url}/home`, { headers: { Cookie: sessionCookie(session.token) } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.match(/Seeded room \d+</g)).toHaveLength(20);
    for (const field of ["livekitRoomName", "parley-seeded-", "ownerId", "updatedAt", "createdAt"]) expect(html).not.toContain(field);
    // The user once, from the root loader.
    expect(html.split(`"username":"${owner.username}"`)).toHaveLength(2);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(23 * 1024);
  });
});
