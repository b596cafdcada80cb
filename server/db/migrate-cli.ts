import "dotenv/config";
import { loadConfig } from "../config";
import { createStdoutLogger } from "../logger";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrateToLatest } from "./migrator";
import { createSequelize } from "./sequelize";

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main() {
  const config = loadConfig();
  const logger = createStdoutLogger(config);
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: "parley", logger });
  const sequelize = createSequelize(config.databaseUrl ?? embedded!.url, logger);
  try {
    const applied = await migrateToLatest(sequelize, logger);
    console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(", ")}` : "The database is up to date.");
  } finally {
    await sequelize.close();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
