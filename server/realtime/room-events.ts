import { EventEmitter } from "node:events";
import pg from "pg";
import type { Sequelize } from "sequelize";
import type { Logger } from "../logger";
import type { Tx } from "../repositories/transaction";

export type RoomEvent =
  | { type: "post-created" | "post-deleted"; roomId: string; postId: string }
  /** Someone joined or left the room's meeting. */
  | { type: "presence-changed"; roomId: string };

/**
 * Room events over PostgreSQL LISTEN/NOTIFY, so every app instance on the database hears every
 * event. Published inside the caller's transaction: listeners hear of it only once it commits.
 */
export interface RoomEvents {
  publish(event: RoomEvent, tx?: Tx): Promise<void>;
  /**
   * Resolves, with the function that unsubscribes, once this instance is listening: every event
   * published after that is heard (the first subscriber of an instance waits for LISTEN).
   */
  subscribe(roomId: string, listener: (event: RoomEvent) => void): Promise<() => void>;
  stop(): Promise<void>;
}

const CHANNEL = "parley_room_events";
const LISTEN_STATEMENT = `LISTEN ${CHANNEL}`;

export function createPostgresRoomEvents(options: { sequelize: Sequelize; databaseUrl: string; logger: Logger }): RoomEvents {
  const { sequelize, databaseUrl, logger } = options;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let stopped = false;
  let retryDelay = 500;

  async function listen() {
    const next = new pg.Client({ connectionString: databaseUrl, application_name: "parley-room-events" });
    next.on("notification", (message) => {
      try {
        const event = JSON.parse(message.payload ?? "") as RoomEvent;
        emitter.emit(event.roomId, event);
      } catch {
        logger.warn({ channel: message.channel }, "ignored a malformed room event");
      }
    });
    next.on("error", (error) => {
      logger.warn({ err: error }, "room events connection lost; reconnecting");
      reconnect(next);
    });
    await next.connect();
    await next.query(LISTEN_STATEMENT);
    client = next;
    retryDelay = 500;
  }

  function reconnect(broken: pg.Client) {
    if (client !== broken && client !== undefined) return;
    client = undefined;
    broken.end().catch(() => undefined);
    if (stopped || emitter.eventNames().length === 0) return;
    setTimeout(() => void ensureListening().catch(() => reconnect(broken)), retryDelay).unref();
    retryDelay = Math.min(retryDelay * 2, 10_000);
  }

  function ensureListening() {
    if (client || stopped) return Promise.resolve();
    connecting ??= listen().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    async publish(event, tx) {
      await sequelize.query("SELECT pg_notify(:channel, :payload)", {
        replacements: { channel: CHANNEL, payload: JSON.stringify(event) },
        transaction: tx,
      });
    },
    async subscribe(roomId, listener) {
      emitter.on(roomId, listener);
      try {
        await ensureListening();
      } catch (error) {
        logger.error({ err: error }, "could not listen for room events");
      }
      return () => emitter.off(roomId, listener);
    },
    async stop() {
      stopped = true;
      emitter.removeAllListeners();
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
