import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, bodyOf, openApiChecker, templateOf, type OpenApiDocument } from "../support/api-client";
import { installLocalStorage } from "../support/seed-client/browser-globals";
import { TEST_LIVEKIT_ENV } from "../support/test-livekit";
import { startTestServer } from "../support/test-server";
import { latestResetLink, queryRows, tokenOf, verifyTestUser } from "../support/test-runtime";

// The customer's own front-end client (original spec §5.1, transcribed in tests/support/seed-client)
// against the real server: if Parley speaks the contract, a client written to it works unchanged.
// Every answer it receives is checked against the OpenAPI document the server publishes.
let server: Awaited<ReturnType<typeof startTestServer>>;
let client: typeof import("../support/seed-client/api");
let auth: (typeof import("../support/seed-client/auth.service"))["authService"];
let rooms: (typeof import("../support/seed-client/room.service"))["roomService"];
let people: (typeof import("../support/seed-client/participant.service"))["participantService"];
let posts: (typeof import("../support/seed-client/participant.service"))["postService"];
let document: OpenApiDocument;
const answers: Array<{ method: string; path: string; status: number; body: string }> = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startTestServer({ env: TEST_LIVEKIT_ENV });
  await server.runtime.container.startWorkers(["reset-requests"]);
  document = bodyOf(await apiClient(server.url).get("/api/openapi.json"));
  installLocalStorage();
  // The client reads its base URL from the environment when it loads, as in a Next.js build.
  process.env.NEXT_PUBLIC_API_URL = `${server.url}/api`;
  client = await import("../support/seed-client/api");
  auth = (await import("../support/seed-client/auth.service")).authService;
  rooms = (await import("../support/seed-client/room.service")).roomService;
  ({ participantService: people, postService: posts } = await import("../support/seed-client/participant.service"));
  // Node's fetch, recording what the client was answered (a copy of each body) for the document check.
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = new URL(String(input));
    // The server's own LiveKit SDK fetches in this process too: only the client's calls count.
    if (url.origin !== server.url) return response;
    answers.push({ method: init?.method ?? "GET", path: url.pathname, status: response.status, body: await response.clone().text() });
    return response;
  };
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  delete process.env.NEXT_PUBLIC_API_URL;
  await server?.close();
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("the customer's client (original spec §5.1), unchanged", () => {
  it("signs up and in, runs a room with a participant, posts, joins, is told what is wrong, resets and deletes", async () => {
    expect(client.apiClient).toBeDefined();
    const password = "a seed client passphrase";
    const email = "seed.owner@example.test";

    // Sign up → sign in: the token is kept where the client keeps it; no LiveKit token at sign-in.
    await auth.signUp({ username: "seed_owner", email, name: "Seed Owner", password, confirm_password: password });
    const signedIn = await auth.signIn({ email, password });
    expect(signedIn.user).toMatchObject({ username: "seed_owner", email, name: "Seed Owner" });
    expect(Date.parse(signedIn.user.created_at)).not.toBeNaN();
    expect(Date.parse(signedIn.expires_at)).toBeGreaterThan(Date.now());
    expect(auth.getToken()).toBe(signedIn.token);
    expect(signedIn.livekit_token).toBeUndefined();

    // Create, list and open a room.
    const room = await rooms.createRoom({ room_name: "Seed planning", description: "From the customer's client" });
    expect(room).toMatchObject({
      room_name: "Seed planning",
      description: "From the customer's client",
      is_owner: true,
      participant_count: 1,
    });
    expect(room.owner_id).toBe(signedIn.user.id);
    const mine = await rooms.getUserRooms();
    expect(Array.isArray(mine)).toBe(true);
    expect(mine.map((r) => r.id)).toEqual([room.id]);
    expect(await rooms.getRoomDetails(room.id)).toMatchObject({ id: room.id, room_name: "Seed planning", is_owner: true });

    // Add a participant: the invite link comes back once, in the clear; only its hash is stored.
    const invited = await people.addParticipant(room.id, { email: "seed.guest@example.test", name: "Seed Guest" });
    expect(invited.invite_url).toBe(`${server.runtime.config.appUrl}/room/${room.id}/join?token=${invited.invite_token}`);
    const stored = await queryRows(server.runtime, "select token_hash from invites where participant_id = :id", {
      id: invited.participant_id,
    });
    expect(stored).toEqual([{ token_hash: sha256(invited.invite_token) }]);
    const [emailed] = await queryRows(server.runtime, "select text_body from email_outbox where to_email = 'seed.guest@example.test'");
    expect(String(emailed!.text_body)).toContain(invited.invite_url);

    // List participants.
    const list = await people.getParticipants(room.id);
    expect(list.map((p) => [p.name, p.role])).toEqual([
      ["Seed Owner", "owner"],
      ["Seed Guest", "participant"],
    ]);
    expect(list.find((p) => p.name === "Seed Guest")).toMatchObject({
      participant_id: invited.participant_id,
      room_id: room.id,
      user_id: null,
    });

    // Post and list posts (newest first).
    await posts.createPost(room.id, "First");
    server.runtime.clock.advance(1000);
    const second = await posts.createPost(room.id, "Second");
    expect(second).toMatchObject({ room_id: room.id, creator_id: signedIn.user.id, message: "Second" });
    expect(second.creator).toEqual({ id: signedIn.user.id, username: "seed_owner", name: "Seed Owner" });
    expect((await posts.getPosts(room.id)).map((p) => p.message)).toEqual(["Second", "First"]);

    // Join: a LiveKit token for this room, minted now; and the guest's, from the invite token alone.
    const joined = await people.joinRoom(room.id);
    expect(joined).toMatchObject({ identity: signedIn.user.id, server_url: TEST_LIVEKIT_ENV.LIVEKIT_URL });
    const token = auth.getToken();
    auth.logout();
    const guest = await people.joinRoom(room.id, invited.invite_token);
    expect(guest.identity).toBe(invited.participant_id);
    localStorage.setItem("auth_token", token!);

    // A bad request: the client shows the server's message.
    await expect(rooms.createRoom({ room_name: "ab" })).rejects.toThrow("room_name: Room names need at least 3 characters");
    await expect(rooms.getRoomDetails("00000000-0000-4000-8000-000000000000")).rejects.toThrow("No such room");

    // Reset: request, then the emailed token with a new password; the old sessions end.
    await auth.requestPasswordReset(email);
    const newPassword = "a fresh seed passphrase";
    await auth.resetPassword(tokenOf(await latestResetLink(server.runtime, email)), newPassword);
    await expect(rooms.getUserRooms()).rejects.toThrow(/Sign in first/);
    await auth.signIn({ email, password: newPassword });

    // Delete.
    await rooms.deleteRoom(room.id);
    await expect(rooms.getRoomDetails(room.id)).rejects.toThrow("No such room");
    expect(await rooms.getUserRooms()).toEqual([]);

    // Every answer the client received is one the document describes.
    expect(answers.length).toBeGreaterThanOrEqual(20);
    const conforms = openApiChecker(document);
    for (const answer of answers) conforms(answer.method, templateOf(document, answer.path), answer);
  });

  it("adds a batch of up to 50 all or nothing, with an invite link each", async () => {
    const owner = await server.runtime.container.services.auth.signUp(
      { username: "seed_batch", email: "seed.batch@example.test", name: "Batch Owner", password: "a batch owner passphrase" },
      { ip: "192.0.2.60" },
    );
    await verifyTestUser(server.runtime, owner.user);
    await auth.signIn({ email: "seed.batch@example.test", password: "a batch owner passphrase" });
    const room = await rooms.createRoom({ room_name: "Batch room" });
    const batch = Array.from({ length: 3 }, (_, i) => ({ email: `seed.batch${i}@example.test`, name: `Batch ${i}` }));
    const invitations = await people.addParticipants(room.id, batch);
    expect(invitations).toHaveLength(3);
    expect(new Set(invitations.map((i) => i.invite_token)).size).toBe(3);

    // One bad row: nobody is added, and the message names the row.
    const bad = [
      { email: "seed.later@example.test", name: "Later" },
      { email: "seed.batch0@example.test", name: "Again" },
    ];
    await expect(people.addParticipants(room.id, bad)).rejects.toThrow("Some people are already in the room");
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ email: `many${i}@example.test`, name: `Many ${i}` }));
    await expect(people.addParticipants(room.id, tooMany)).rejects.toThrow("participants: At most 50 people at once");
    expect(await people.getParticipants(room.id)).toHaveLength(4);
    auth.logout();

    const conforms = openApiChecker(document);
    for (const answer of answers) conforms(answer.method, templateOf(document, answer.path), answer);
  });
});
