import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { RoomServiceClient } from "livekit-server-sdk";
import type { Logger } from "../logger";

/**
 * The default LiveKit when LIVEKIT_URL is unset: the official server (built by
 * scripts/install-livekit-server.sh) run in development mode on loopback, the way the embedded
 * PostgreSQL stands in for a database server. Its keys are LiveKit's development pair.
 */
export interface LocalLiveKit {
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Stops the server if this process started it; a reused one is left alone. */
  stop(): Promise<void>;
}

export const LOCAL_LIVEKIT_KEY = "devkey";
export const LOCAL_LIVEKIT_SECRET = "secret";
const START_TIMEOUT_MS = 20_000;

/** The config the server is started with: signalling on `port`, media on the two ports after it. */
export function localLiveKitConfig(options: { port: number; webhookUrl?: string }): string {
  const lines = [
    `port: ${options.port}`,
    "rtc:",
    `  tcp_port: ${options.port + 1}`,
    `  udp_port: ${options.port + 2}`,
    "  use_external_ip: false",
    "keys:",
    `  ${LOCAL_LIVEKIT_KEY}: ${LOCAL_LIVEKIT_SECRET}`,
    "logging:",
    "  level: info",
  ];
  if (options.webhookUrl) lines.push("webhook:", `  api_key: ${LOCAL_LIVEKIT_KEY}`, "  urls:", `    - ${options.webhookUrl}`);
  return lines.join("\n") + "\n";
}

async function answers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function acceptsDevelopmentKeys(port: number): Promise<boolean> {
  try {
    const client = new RoomServiceClient(`http://127.0.0.1:${port}`, LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET, { requestTimeout: 2 });
    await client.listRooms();
    return true;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, "utf8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

export async function startLocalLiveKit(options: {
  binary: string;
  port: number;
  webhookUrl?: string;
  logFile: string;
  logger: Logger;
}): Promise<LocalLiveKit> {
  const { binary, port, logger } = options;
  const url = `ws://127.0.0.1:${port}`;
  const credentials = { url, apiKey: LOCAL_LIVEKIT_KEY, apiSecret: LOCAL_LIVEKIT_SECRET };

  if (await answers(port)) {
    if (!(await acceptsDevelopmentKeys(port))) {
      throw new Error(`Port ${port} is taken by something that is not a development LiveKit server. Set LIVEKIT_PORT or LIVEKIT_URL.`);
    }
    logger.warn({ url }, "reusing the LiveKit server already running (its webhook settings are its own)");
    return { ...credentials, stop: async () => undefined };
  }

  if (!fs.existsSync(binary)) {
    throw new Error(
      `No LiveKit server at ${binary}. Build it once with \`bash scripts/install-livekit-server.sh\` (needs Go), or set LIVEKIT_URL.`,
    );
  }
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = fs.openSync(options.logFile, "w");
  const child: ChildProcess = spawn(
    binary,
    ["--dev", "--bind", "127.0.0.1", "--node-ip", "127.0.0.1", "--config-body", localLiveKitConfig(options)],
    { stdio: ["ignore", out, out] },
  );
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  // If this process dies without a shutdown, do not leave the server holding its ports.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(port))) {
    if (exited || Date.now() > deadline) {
      child.kill("SIGKILL");
      process.removeListener("exit", killOnExit);
      throw new Error(
        `The local LiveKit server did not start (${exited ? `exit code ${child.exitCode}` : "timed out"}). Its output:\n${tail(options.logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  logger.info({ url, log: options.logFile }, "local LiveKit server started");

  return {
    ...credentials,
    async stop() {
      process.removeListener("exit", killOnExit);
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Where scripts/install-livekit-server.sh keeps the binary for this version. */
export function defaultLiveKitBinary(env: Record<string, string | undefined>, version = "v1.13.5"): string {
  const cacheRoot = env.PARLEY_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(env.HOME ?? "/root", ".cache"), "parley");
  return path.join(cacheRoot, "livekit-server", version, "livekit-server");
}
