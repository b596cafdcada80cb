import path from "node:path";
import { createLogger } from "../../server/logger";
import { defaultLiveKitBinary, LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET, startLocalLiveKit } from "../../server/livekit/local-server";

/**
 * The real LiveKit server for the vitest suites (the meetings tests talk to it): the binary
 * scripts/install-livekit-server.sh builds, on its own ports so a running app is not disturbed.
 */
export const TEST_LIVEKIT_PORT = Number(process.env.TEST_LIVEKIT_PORT ?? 7900);

/** Environment that points a test runtime at that server. */
export const TEST_LIVEKIT_ENV = {
  LIVEKIT_URL: `ws://127.0.0.1:${TEST_LIVEKIT_PORT}`,
  LIVEKIT_API_KEY: LOCAL_LIVEKIT_KEY,
  LIVEKIT_API_SECRET: LOCAL_LIVEKIT_SECRET,
};

export function startTestLiveKit() {
  return startLocalLiveKit({
    binary: process.env.LIVEKIT_SERVER_BIN ?? defaultLiveKitBinary(process.env),
    port: TEST_LIVEKIT_PORT,
    logFile: path.resolve(process.env.TEST_DATA_DIR ?? ".data/test", "livekit.log"),
    logger: createLogger("warn"),
  });
}
