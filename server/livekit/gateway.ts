import { AccessToken, RoomServiceClient, WebhookReceiver } from "livekit-server-sdk";

/** What a person joining a meeting may do there: join this one room, publish, subscribe, send data. */
export interface JoinGrant {
  room: string;
  identity: string;
  name: string;
  metadata: string;
  ttlSeconds: number;
}

/** A verified webhook, reduced to what Parley reads. */
export interface LiveKitWebhook {
  id: string;
  event: string;
  createdAt: Date;
  room?: { name: string; sid: string };
  participant?: { identity: string; sid: string };
}

/** What Parley asks of LiveKit. Behind this interface so services can be tested with a LiveKit that is down. */
export interface LiveKitGateway {
  /** The URL browsers connect to (ws:// or wss://). */
  readonly serverUrl: string;
  /** Creates the room if it does not exist yet; returns its sid. */
  ensureRoom(name: string): Promise<{ sid: string }>;
  deleteRoom(name: string): Promise<void>;
  removeParticipant(room: string, identity: string): Promise<void>;
  /** An access token signed with the API secret (which never leaves the server). */
  mintJoinToken(grant: JoinGrant): Promise<string>;
  /** Verifies the signature over the raw body; throws LiveKitWebhookRejectedError if it does not hold. */
  verifyWebhook(rawBody: string, authorization: string | undefined): Promise<LiveKitWebhook>;
}

export class LiveKitWebhookRejectedError extends Error {
  constructor(reason: string) {
    super(`LiveKit webhook rejected: ${reason}`);
    this.name = "LiveKitWebhookRejectedError";
  }
}

/** Tokens and webhook checks need only the key pair, not a reachable server. */
export function createJoinTokenMinter(apiKey: string, apiSecret: string) {
  return async (grant: JoinGrant): Promise<string> => {
    const token = new AccessToken(apiKey, apiSecret, {
      identity: grant.identity,
      name: grant.name,
      metadata: grant.metadata,
      ttl: grant.ttlSeconds,
    });
    token.addGrant({ room: grant.room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true });
    return token.toJwt();
  };
}

export function createWebhookVerifier(apiKey: string, apiSecret: string) {
  const receiver = new WebhookReceiver(apiKey, apiSecret);
  return async (rawBody: string, authorization: string | undefined): Promise<LiveKitWebhook> => {
    if (!authorization) throw new LiveKitWebhookRejectedError("no Authorization header");
    let event;
    try {
      event = await receiver.receive(rawBody, authorization);
    } catch (error) {
      throw new LiveKitWebhookRejectedError((error as Error).message);
    }
    if (!event.id || !event.event) throw new LiveKitWebhookRejectedError("no event id");
    return {
      id: event.id,
      event: event.event,
      createdAt: new Date(Number(event.createdAt) * 1000),
      room: event.room ? { name: event.room.name, sid: event.room.sid } : undefined,
      participant: event.participant ? { identity: event.participant.identity, sid: event.participant.sid } : undefined,
    };
  };
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
    serverUrl: options.url,
    mintJoinToken: createJoinTokenMinter(options.apiKey, options.apiSecret),
    verifyWebhook: createWebhookVerifier(options.apiKey, options.apiSecret),
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
  return {
    serverUrl: "",
    ensureRoom: fail,
    deleteRoom: fail,
    removeParticipant: fail,
    mintJoinToken: fail,
    verifyWebhook: async () => {
      throw new LiveKitWebhookRejectedError("LiveKit is not configured");
    },
  };
}
