import "dotenv/config";
import fs from "node:fs";
import path from "node:path";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import { startRuntime } from "../../server/bootstrap";
import { ConfigError } from "../../server/config";
import { createHttpApp } from "./app";

installGlobals();

const BUILD_PATH = path.resolve("build/remix/index.js");

async function loadBuild(): Promise<ServerBuild> {
  // A fresh copy after each rebuild under `remix dev`; loaded once in production.
  delete require.cache[require.resolve(BUILD_PATH)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- import() caches for good; a rebuild must replace the module
  return require(BUILD_PATH);
}

async function main() {
  const runtime = await startRuntime();
  const { config, logger, container } = runtime;
  if (config.backgroundWorkers) await container.startWorkers();

  const isRemixDev = Boolean(process.env.REMIX_DEV_ORIGIN);
  let build = await loadBuild();
  const app = createHttpApp({
    config,
    services: container.services,
    logger,
    build: isRemixDev ? () => Promise.resolve(build) : build,
  });

  const server = app.listen(config.port, config.host, () => {
    logger.info({ url: config.appUrl, port: config.port }, `Parley is ready at ${config.appUrl}`);
    if (isRemixDev) void broadcastDevReady(build);
  });

  if (isRemixDev) {
    fs.watch(path.dirname(BUILD_PATH), { persistent: false }, async () => {
      build = await loadBuild();
      await broadcastDevReady(build);
    });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing open requests");
    // Also what keeps the process alive while the shutdown awaits work that holds no handle.
    const forced = setTimeout(() => {
      logger.error("shutdown did not finish in 20 s; exiting anyway");
      process.exit(1);
    }, 20_000);
    server.close(async () => {
      try {
        await runtime.shutdown();
        logger.info("stopped");
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      } finally {
        clearTimeout(forced);
      }
    });
    server.closeIdleConnections?.();
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    // An unreachable database is reported as "not answering"; what the driver said is in the cause.
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    console.error("Parley could not start:", error instanceof Error ? `${error.message}${cause}` : error);
    if (error instanceof Error && error.stack) console.error(error.stack);
  }
  process.exit(1);
});
