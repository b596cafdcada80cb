import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sequelize } from "sequelize";
import { createSequelize } from "../../server/db/sequelize";
import { createLogger } from "../../server/logger";
import { createPostgresRoomEvents, type RoomEvent, type RoomEvents } from "../../server/realtime/room-events";
import { createTestDatabase } from "../support/test-cluster";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sequelize: Sequelize;
const opened: RoomEvents[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  sequelize = createSequelize(database.url);
});
afterAll(async () => {
  for (const events of opened) await events.stop();
  await sequelize?.close();
  await database?.drop();
});

/** A fresh instance each time: its first subscriber is the one that starts listening. */
function roomEvents() {
  const events = createPostgresRoomEvents({ sequelize, databaseUrl: database.url, logger: createLogger("silent") });
  opened.push(events);
  return events;
}

const roomId = () => crypto.randomUUID();

describe("room events over LISTEN/NOTIFY", () => {
  it("an event published as soon as the first subscription resolves is heard", async () => {
    const publisher = roomEvents();
    const listener = roomEvents();
    const room = roomId();
    const heard: RoomEvent[] = [];
    await sequelize.query("select 1"); // the publisher's connection is ready: only the subscription can be late
    await listener.subscribe(room, (event) => heard.push(event));
    await publisher.publish({ type: "post-created", roomId: room, postId: "p1" });
    await expect.poll(() => heard.map((e) => "postId" in e && e.postId), { timeout: 3000 }).toEqual(["p1"]);
  });

  it("hears every one of a burst of concurrent events, once each, and only its room's", async () => {
    const publisher = roomEvents();
    const listener = roomEvents();
    const room = roomId();
    const other = roomId();
    const heard: string[] = [];
    await listener.subscribe(room, (event) => heard.push("postId" in event ? event.postId : event.type));
    const ids = Array.from({ length: 300 }, (_, i) => `p${i}`);
    await Promise.all([
      ...ids.map((postId) => publisher.publish({ type: "post-created", roomId: room, postId })),
      publisher.publish({ type: "post-created", roomId: other, postId: "elsewhere" }),
    ]);
    await expect.poll(() => heard.length, { timeout: 5000 }).toBe(ids.length);
    expect([...heard].sort()).toEqual([...ids].sort());
  });
});
