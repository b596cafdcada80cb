import { RoomServiceClient } from "livekit-server-sdk";

/** What Parley asks of LiveKit's server API. Behind this interface so services can be tested with fakes. */
export interface LiveKitGateway {
  /** Creates the room if it does not exist yet; returns its sid. */
  ensureRoom(name: string): Promise<{ sid: string }>;
  deleteRoom(name: string): Promise<void>;
  removeParticipant(room: string, identity: string): Promise<void>;
}

/** Raised when LiveKit is not configured or does not answer; callers decide whether that is fatal. */
export class LiveKitUnavailableError extends Error {
  constructor(reason: string) {
    super(`LiveKit is unavailable: ${reason}`);
    this.name = "LiveKitUnavailableError";
  }
}

/** The real gateway: LiveKit's RoomServiceClient (it wants the http(s) form of the server URL). */
export function createLiveKitGateway(options: { url: string; apiKey: string; apiSecret: string; timeoutSeconds?: number }): LiveKitGateway {
  const host = options.url.replace(/^ws(s?):\/\//, "http$1://");
  const client = new RoomServiceClient(host, options.apiKey, options.apiSecret, {
    requestTimeout: options.timeoutSeconds ?? 3,
  });
  const unavailable = (error: unknown) => new LiveKitUnavailableError(error instanceof Error ? error.message : String(error));

  return {
    async ensureRoom(name) {
      try {
        const room = await client.createRoom({ name, emptyTimeout: 10 * 60 });
        return { sid: room.sid };
      } catch (error) {
        throw unavailable(error);
      }
    },
    async deleteRoom(name) {
      try {
        await client.deleteRoom(name);
      } catch (error) {
        // A room LiveKit never had (or already closed) is as good as deleted.
        if (/not ?found/i.test(String((error as Error)?.message))) return;
        throw unavailable(error);
      }
    },
    async removeParticipant(room, identity) {
      try {
        await client.removeParticipant(room, identity);
      } catch (error) {
        if (/not ?found/i.test(String((error as Error)?.message))) return;
        throw unavailable(error);
      }
    },
  };
}

/** Without LIVEKIT_URL: every call says LiveKit is not configured, and rooms work without it. */
export function unconfiguredLiveKitGateway(): LiveKitGateway {
  const fail = async (): Promise<never> => {
    throw new LiveKitUnavailableError("LIVEKIT_URL is not set");
  };
  return { ensureRoom: fail, deleteRoom: fail, removeParticipant: fail };
}
