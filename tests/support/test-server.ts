import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { createHttpApp } from "../../app/http/app";
import type { LiveKitGateway } from "../../server/livekit/gateway";
import type { LiveFeedSettings } from "../../server/realtime/live-feed";
import { createLogger, type Logger } from "../../server/logger";
import { startTestRuntime, type TestRuntime } from "./test-runtime";

/** The built Remix app (`npm run build`), loaded as Node loads it in production: CommonJS, untransformed. */
export function loadRemixBuild(): ServerBuild {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- import() here would go through vitest's transform
  return require(path.resolve("build/remix/index.js"));
}

/**
 * The real HTTP server (Express + the built Remix app) on an ephemeral port, over a fresh test
 * database. Needs `npm run build` first (the test command builds before it tests).
 */
export async function startTestServer(
  options: { env?: Record<string, string>; logger?: Logger; livekit?: LiveKitGateway; liveFeed?: Partial<LiveFeedSettings> } = {},
) {
  const runtime: TestRuntime = await startTestRuntime(options);
  const build = loadRemixBuild();
  const app = createHttpApp({
    config: runtime.config,
    services: runtime.container.services,
    logger: options.logger ?? createLogger("silent"),
    build,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    runtime,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await runtime.close();
    },
  };
}
