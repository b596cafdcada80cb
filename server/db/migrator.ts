import type { Sequelize } from "sequelize";
import { SequelizeStorage, Umzug, type MigrationFn } from "umzug";
import { migrations } from "../../migrations";
import type { Logger } from "../logger";

export type Migration = MigrationFn<Sequelize>;

/** Any fixed number: the advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK = 727_274_001;

export function createMigrator(sequelize: Sequelize, logger?: Logger) {
  return new Umzug({
    migrations: migrations.map(({ name, up, down }) => ({ name, up, down })),
    context: sequelize,
    storage: new SequelizeStorage({ sequelize, tableName: "schema_migrations" }),
    logger: logger
      ? {
          info: (m) => logger.info(m, "migration"),
          warn: (m) => logger.warn(m, "migration"),
          error: (m) => logger.error(m, "migration"),
          debug: (m) => logger.debug(m, "migration"),
        }
      : undefined,
  });
}

/**
 * Applies every pending migration; each one runs as a single statement batch, so it applies whole
 * or not at all. A transaction-scoped advisory lock keeps two starting instances from racing.
 */
export async function migrateToLatest(sequelize: Sequelize, logger?: Logger) {
  const migrator = createMigrator(sequelize, logger);
  return sequelize.transaction(async (transaction) => {
    await sequelize.query("SELECT pg_advisory_xact_lock(:lock)", { replacements: { lock: MIGRATION_LOCK }, transaction });
    return migrator.up();
  });
}
