import path from "node:path";
import type { Sequelize } from "sequelize";
import type { Clock } from "./clock";
import { loadConfig, type Config } from "./config";
import { createContainer, type Container } from "./container";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./db/embedded-postgres";
import { createMigrator, migrateToLatest } from "./db/migrator";
import { createSequelize } from "./db/sequelize";
import type { EmailProvider } from "./email/provider";
import { startLocalLiveKit, type LocalLiveKit } from "./livekit/local-server";
import { createStdoutLogger, type Logger } from "./logger";

export interface Runtime {
  config: Config;
  logger: Logger;
  sequelize: Sequelize;
  container: Container;
  /** Stops workers, closes the pool, then stops the embedded database if this process started it. */
  shutdown(): Promise<void>;
}

/**
 * Everything below HTTP, in start-up order: config, database (embedded when DATABASE_URL is
 * unset, then migrated), LiveKit (the local development server when LIVEKIT_URL is unset),
 * the composition root.
 */
export async function startRuntime(
  options: {
    env?: Record<string, string | undefined>;
    clock?: Clock;
    emailProvider?: EmailProvider;
    logger?: Logger;
  } = {},
): Promise<Runtime> {
  let config = loadConfig(options.env ?? process.env);
  const logger = options.logger ?? createStdoutLogger(config);

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      database: "parley",
      logger,
    });
    databaseUrl = embedded.url;
  }

  const sequelize = createSequelize(databaseUrl, logger);
  let localLiveKit: LocalLiveKit | undefined;
  try {
    await sequelize.authenticate();
    if (embedded) {
      await migrateToLatest(sequelize, logger);
    } else {
      const pending = await createMigrator(sequelize).pending();
      if (pending.length) {
        throw new Error(
          `The database has ${pending.length} pending migration(s) (${pending.map((m) => m.name).join(", ")}). ` +
            "Run `npm run db:migrate` with the same DATABASE_URL first.",
        );
      }
    }
    if (config.localLiveKit) {
      localLiveKit = await startLocalLiveKitOrExplain(config, logger);
      if (localLiveKit)
        config = { ...config, livekit: { url: localLiveKit.url, apiKey: localLiveKit.apiKey, apiSecret: localLiveKit.apiSecret } };
    }
    const container = await createContainer({
      config,
      sequelize,
      databaseUrl,
      logger,
      clock: options.clock,
      emailProvider: options.emailProvider,
    });
    return {
      config,
      logger,
      sequelize,
      container,
      async shutdown() {
        await container.stop().catch((err) => logger.error({ err }, "stopping workers failed"));
        await sequelize.close().catch((err) => logger.error({ err }, "closing the pool failed"));
        await localLiveKit?.stop();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await sequelize.close().catch(() => undefined);
    await localLiveKit?.stop();
    await embedded?.stop();
    throw error;
  }
}

/** Meetings need LiveKit, the rest of Parley does not: a server that cannot start is reported, not fatal. */
async function startLocalLiveKitOrExplain(config: Config, logger: Logger): Promise<LocalLiveKit | undefined> {
  const { binary, port } = config.localLiveKit!;
  try {
    return await startLocalLiveKit({
      binary,
      port,
      // LiveKit runs on this machine, so it reaches the app on loopback whatever APP_URL says.
      webhookUrl: `http://127.0.0.1:${config.port}/api/livekit/webhook`,
      logFile: path.join(config.dataDir, "livekit.log"),
      logger,
    });
  } catch (error) {
    logger.warn({ reason: (error as Error).message }, "meetings are unavailable: the local LiveKit server did not start");
    return undefined;
  }
}
