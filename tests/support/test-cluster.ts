import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, embeddedDatabaseUrl } from "../../server/db/embedded-postgres";
import { migrateToLatest } from "../../server/db/migrator";
import { createSequelize } from "../../server/db/sequelize";
import { createLogger } from "../../server/logger";

/**
 * The test suites' PostgreSQL: the same embedded server the app uses, kept under
 * .data/test-postgres on its own port. A migrated template database is built once per run;
 * each test file gets its own copy of it, so files never see each other's rows.
 */
export const TEST_PG_PORT = Number(process.env.TEST_PG_PORT ?? 5499);
export const TEMPLATE_DATABASE = "parley_test_template";

export async function startTestCluster() {
  const logger = createLogger("warn");
  const dataDir = path.resolve(process.env.TEST_DATA_DIR ?? ".data/test");
  const server = await startEmbeddedPostgres({ dataDir, port: TEST_PG_PORT, database: "postgres", logger });
  const admin = new pg.Client({ connectionString: embeddedDatabaseUrl(TEST_PG_PORT, "postgres") });
  await admin.connect();
  try {
    if (!server.reused) {
      // Leftovers of an interrupted run. A cluster that was already running may be serving another
      // run's databases (a benchmark, a second suite): those are left alone.
      const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'parley_test_%'");
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [TEMPLATE_DATABASE]);
    if (!rowCount) await admin.query(`create database "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const sequelize = createSequelize(embeddedDatabaseUrl(TEST_PG_PORT, TEMPLATE_DATABASE));
  await migrateToLatest(sequelize);
  await sequelize.close();
  return server;
}

let counter = 0;

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parley_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: embeddedDatabaseUrl(TEST_PG_PORT, "postgres") });
  await admin.connect();
  await admin.query(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
  await admin.end();
  return {
    url: embeddedDatabaseUrl(TEST_PG_PORT, name),
    async drop() {
      const client = new pg.Client({ connectionString: embeddedDatabaseUrl(TEST_PG_PORT, "postgres") });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
