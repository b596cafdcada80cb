import type { Clock } from "../clock";
import { isDomainError, RateLimitedError } from "../errors";
import type { Logger } from "../logger";
import type { SessionsRepository } from "../repositories/sessions";
import type { PostsService } from "../services/posts";
import type { RoomsService } from "../services/rooms";
import type { RoomEvent } from "./room-events";

export interface LiveFeedSettings {
  /** How often an open stream checks that its viewer may still see the room, events or not. */
  recheckMs: number;
  /** Open streams per user on this instance (each browser tab on a room holds one). */
  maxStreamsPerUser: number;
}

export const LIVE_FEED_DEFAULTS: LiveFeedSettings = { recheckMs: 20_000, maxStreamsPerUser: 10 };

/** What a refused 11th stream is told: streams are long-lived, so a slot frees up when a tab closes. */
const RETRY_AFTER_SECONDS = 30;

export interface LiveFeedViewer {
  userId: string;
  sessionId: string;
}

export interface LiveFeedHandlers {
  onEvent(event: RoomEvent): void;
  /** Called once when the stream must stop because the viewer lost access (never after `close()`). */
  onEnd(): void;
}

export interface LiveFeedStream {
  /** The viewer went away: stop listening and free the slot. */
  close(): void;
}

/**
 * A room member's live stream of the room's events. A stream stops once its viewer may no longer
 * see the room (removed from it, or the session ended: signed out elsewhere, password reset): this
 * is checked before each event is passed on and every `recheckMs` while the room is quiet.
 */
export interface LiveFeedService {
  /** Throws not-found for someone who may not see the room, rate-limited past the per-user cap. */
  open(viewer: LiveFeedViewer, roomId: string, handlers: LiveFeedHandlers): Promise<LiveFeedStream>;
}

export function createLiveFeedService(deps: {
  posts: Pick<PostsService, "subscribe">;
  rooms: Pick<RoomsService, "getForMember">;
  sessions: Pick<SessionsRepository, "findLive">;
  clock: Clock;
  logger: Logger;
  settings?: Partial<LiveFeedSettings>;
}): LiveFeedService {
  const settings = { ...LIVE_FEED_DEFAULTS, ...deps.settings };
  const openPerUser = new Map<string, number>();

  function takeSlot(userId: string) {
    const open = openPerUser.get(userId) ?? 0;
    if (open >= settings.maxStreamsPerUser) throw new RateLimitedError(RETRY_AFTER_SECONDS);
    openPerUser.set(userId, open + 1);
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      const left = (openPerUser.get(userId) ?? 1) - 1;
      if (left > 0) openPerUser.set(userId, left);
      else openPerUser.delete(userId);
    };
  }

  /** Fails closed: a check that cannot be made (the database is down) ends the stream; the browser reconnects. */
  async function mayStillSee(viewer: LiveFeedViewer, roomId: string): Promise<boolean> {
    try {
      const live = await deps.sessions.findLive(viewer.sessionId, deps.clock.now());
      if (!live || live.user.id !== viewer.userId) return false;
      await deps.rooms.getForMember(viewer.userId, roomId);
      return true;
    } catch (error) {
      if (!isDomainError(error, "not-found"))
        deps.logger.warn({ roomId, reason: (error as Error).message }, "live feed access check failed; ending the stream");
      return false;
    }
  }

  return {
    async open(viewer, roomId, handlers) {
      const freeSlot = takeSlot(viewer.userId);
      let queued: RoomEvent[] = [];
      let checkWanted = false;
      let checking = false;
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      let unsubscribe: () => void = () => undefined;

      function stop() {
        if (stopped) return false;
        stopped = true;
        clearInterval(timer);
        unsubscribe();
        freeSlot();
        return true;
      }

      // Events that arrive during a check wait for the next one, so a burst costs a check or two, not one each.
      async function checkThenPassOn() {
        checking = true;
        while (checkWanted && !stopped) {
          checkWanted = false;
          const batch = queued;
          queued = [];
          if (!(await mayStillSee(viewer, roomId))) {
            if (stop()) handlers.onEnd();
            break;
          }
          for (const event of batch) if (!stopped) handlers.onEvent(event);
        }
        checking = false;
      }

      function requestCheck() {
        checkWanted = true;
        if (!checking) void checkThenPassOn();
      }

      try {
        unsubscribe = await deps.posts.subscribe(viewer.userId, roomId, (event) => {
          if (stopped) return;
          queued.push(event);
          requestCheck();
        });
      } catch (error) {
        freeSlot();
        throw error;
      }
      timer = setInterval(requestCheck, settings.recheckMs);
      timer.unref();
      return { close: () => void stop() };
    },
  };
}
