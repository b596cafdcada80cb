import { EventEmitter } from "node:events";
import pg from "pg";
import type { Sequelize } from "sequelize";
import type { Logger } from "../logger";
import type { Tx } from "../repositories/transaction";

export type RoomEvent =
  | {
      type: "post-created" | "post-edited" | "post-deleted" | "post-reactions";
      roomId: string;
      postId: string;
      /** A member's new or edited post: the user ids it names. */
      mentions?: string[];
    }
  /** Someone joined or left the room's meeting. */
  | { type: "presence-changed"; roomId: string }
  /** Events may have been missed (the connection to the database was lost for a while): refetch. */
  | { type: "resync"; roomId: string };

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
// Listening again after the connection was lost: soon, and never more than a second apart.
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 1_000;

export function createPostgresRoomEvents(options: { sequelize: Sequelize; databaseUrl: string; logger: Logger }): RoomEvents {
  const { sequelize, databaseUrl, logger } = options;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let stopped = false;
  let retryDelay = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let missedEvents = false;

  async function listen() {
    const next = new pg.Client({ connectionString: databaseUrl, application_name: "parley-room-events", connectionTimeoutMillis: 2_000 });
    next.on("notification", (message) => {
      try {
        const event = JSON.parse(message.payload ?? "") as RoomEvent;
        emitter.emit(event.roomId, event);
      } catch {
        logger.warn({ channel: message.channel }, "ignored a malformed room event");
      }
    });
    // The database restarting or going away ends the connection, with an error or without one.
    next.on("error", (error) => connectionLost(next, error));
    next.on("end", () => connectionLost(next));
    try {
      await next.connect();
      await next.query(LISTEN_STATEMENT);
    } catch (error) {
      next.end().catch(() => undefined);
      throw error;
    }
    client = next;
    retryDelay = RETRY_MIN_MS;
    if (missedEvents) {
      missedEvents = false;
      logger.info("room events connection restored");
      for (const roomId of emitter.eventNames()) emitter.emit(roomId, { type: "resync", roomId: String(roomId) } satisfies RoomEvent);
    }
  }

  function connectionLost(broken: pg.Client, error?: Error) {
    if (client !== broken) return;
    client = undefined;
    missedEvents = true;
    logger.warn({ err: error }, "room events connection lost; listening again");
    broken.end().catch(() => undefined);
    retryLater();
  }

  /** While anyone is subscribed, tries again and again (at most a second apart) until it listens. */
  function retryLater() {
    if (stopped || retryTimer || emitter.eventNames().length === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      ensureListening().catch(() => undefined);
    }, retryDelay);
    retryTimer.unref();
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  }

  function ensureListening() {
    if (client || stopped) return Promise.resolve();
    connecting ??= listen()
      .catch((error: unknown) => {
        retryLater();
        throw error;
      })
      .finally(() => {
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
      clearTimeout(retryTimer);
      emitter.removeAllListeners();
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
