/** The live feed over HTTP, for tests: a stream read as EventSource reads it, a member of a new room. */
import { expect } from "vitest";
import type { PublicUser } from "../../server/services/sessions";
import { signUpTestUser } from "./test-runtime";
import type { startTestServer } from "./test-server";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export interface Stream {
  events: Array<{ type: string; postId?: string }>;
  ended: boolean;
  close(): void;
}

const opened: Stream[] = [];

/** Closes every stream a test opened, so the server can stop (it waits for open connections). */
export function closeAllStreams() {
  for (const stream of opened.splice(0)) stream.close();
}

/** One long GET of the room's events, read as the browser's EventSource reads it. */
export async function openStream(server: TestServer, roomId: string, cookie: string): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/room/${roomId}/events`, {
    headers: { Cookie: cookie, Accept: "text/event-stream" },
    signal: abort.signal,
    redirect: "manual",
  });
  expect(response.status).toBe(200);
  const stream: Stream = { events: [], ended: false, close: () => abort.abort() };
  opened.push(stream);
  void (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const lines = buffer.slice(0, end).split("\n");
          buffer = buffer.slice(end + 2);
          if (lines.includes("event: room")) stream.events.push(JSON.parse(lines.find((l) => l.startsWith("data: "))!.slice(6)));
        }
      }
    } catch {
      // aborted by close()
    }
    stream.ended = true;
  })();
  return stream;
}

/** The session cookie as the app sets it (Remix encodes a cookie's value as base64 JSON). */
export const sessionCookie = (token: string) =>
  `parley_session=${encodeURIComponent(Buffer.from(JSON.stringify(token)).toString("base64"))}`;

export async function memberOfNewRoom(server: TestServer) {
  const { runtime } = server;
  const owner = await signUpTestUser(runtime, { prefix: "feedowner" });
  const member = await signUpTestUser(runtime, { prefix: "feedmember" });
  const room = await runtime.container.services.rooms.create(owner, { name: "Live", description: null });
  const [rows] = await runtime.sequelize.query(
    "insert into room_participants (room_id, user_id, email, name) values (:roomId, :userId, :email, :name) returning id",
    { replacements: { roomId: room.id, userId: member.id, email: member.email, name: member.name } },
  );
  const participantId = (rows as Array<{ id: string }>)[0]!.id;
  const session = await runtime.container.services.sessions.start(member.id);
  return { owner, member, room, participantId, session, cookie: sessionCookie(session.token) };
}

export const post = (server: TestServer, user: PublicUser, roomId: string, message: string) =>
  server.runtime.container.services.posts.create(user.id, roomId, { message });
