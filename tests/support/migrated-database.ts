import pg from "pg";
import type { Sequelize } from "sequelize";
import { afterAll, beforeAll } from "vitest";
import { embeddedDatabaseUrl } from "../../server/db/embedded-postgres";
import { createMigrator } from "../../server/db/migrator";
import { createSequelize } from "../../server/db/sequelize";
import { TEST_PG_PORT } from "./test-cluster";

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(TEST_PG_PORT, "postgres") });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/**
 * A database of the file's own, migrated only up to `migration` before its tests (to seed rows the
 * way the app wrote them then) and dropped after them. Read `sequelize` inside tests and hooks.
 */
export function databaseMigratedTo(migration: string, tag: string) {
  const name = `parley_test_${tag}_${process.pid}_${Date.now().toString(36)}`;
  const file = {} as { sequelize: Sequelize; query: (sql: string) => Promise<Array<Record<string, unknown>>> };
  file.query = async (sql) => (await file.sequelize.query(sql))[0] as Array<Record<string, unknown>>;
  beforeAll(async () => {
    await admin(`create database "${name}"`);
    file.sequelize = createSequelize(embeddedDatabaseUrl(TEST_PG_PORT, name));
    await createMigrator(file.sequelize).up({ to: migration });
  });
  afterAll(async () => {
    await file.sequelize?.close();
    await admin(`drop database if exists "${name}" with (force)`);
  });
  return file;
}
