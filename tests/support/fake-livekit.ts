import { createJoinTokenMinter, createWebhookVerifier, LiveKitUnavailableError, type LiveKitGateway } from "../../server/livekit/gateway";

/**
 * A LiveKit that is down, or records what was asked of it: for the rules about LiveKit being
 * unavailable. (The real server runs in the meetings tests.)
 */
export function recordingLiveKit(options: { down?: boolean } = {}) {
  const calls: string[] = [];
  const gateway: LiveKitGateway & { calls: string[]; down: boolean } = {
    calls,
    down: options.down ?? false,
    serverUrl: "ws://127.0.0.1:1",
    mintJoinToken: createJoinTokenMinter("recording-key", "recording-secret-0123456789abcdef"),
    verifyWebhook: createWebhookVerifier("recording-key", "recording-secret-0123456789abcdef"),
    async ensureRoom(name) {
      calls.push(`ensureRoom ${name}`);
      if (gateway.down) throw new LiveKitUnavailableError("connection refused");
      return { sid: `RM_${name}` };
    },
    async deleteRoom(name) {
      calls.push(`deleteRoom ${name}`);
      if (gateway.down) throw new LiveKitUnavailableError("connection refused");
    },
    async removeParticipant(room, identity) {
      calls.push(`removeParticipant ${room} ${identity}`);
      if (gateway.down) throw new LiveKitUnavailableError("connection refused");
    },
  };
  return gateway;
}
