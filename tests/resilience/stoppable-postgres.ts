import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { embeddedDatabaseUrl, startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/db/embedded-postgres";
import { migrateToLatest } from "../../server/db/migrator";
import { createSequelize } from "../../server/db/sequelize";
import { createLogger } from "../../server/logger";
import { heldInTime, waitFor } from "../support/wait-for";

const DATABASE = "parley_resilience";

/**
 * A PostgreSQL of the scenario's own (the embedded server, in its own data directory, on its own
 * port) that it may stop and start again: the test cluster is shared and must stay up. Each run
 * gets a freshly migrated database in it.
 */
export async function startStoppablePostgres(options: { dataDir: string; port: number }) {
  const logger = createLogger("warn");
  const dataDir = path.resolve(options.dataDir);
  await stopLeftoverServer(path.join(dataDir, "postgres"));
  const start = () => startEmbeddedPostgres({ dataDir, port: options.port, database: "postgres", logger });
  let server: EmbeddedDatabase | undefined = await start();

  const admin = new pg.Client({ connectionString: embeddedDatabaseUrl(options.port, "postgres") });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = embeddedDatabaseUrl(options.port, DATABASE);
  const sequelize = createSequelize(url);
  try {
    await migrateToLatest(sequelize);
  } finally {
    await sequelize.close();
  }

  return {
    url,
    /** A fast shutdown, as `pg_ctl stop` does it: open sessions are ended, new connections refused. */
    async stop() {
      await server?.stop();
      server = undefined;
    },
    async start() {
      server ??= await start();
    },
    /** Drops the scenario's database and stops the server. */
    async close() {
      try {
        if (server) {
          const admin = new pg.Client({ connectionString: embeddedDatabaseUrl(options.port, "postgres") });
          await admin.connect();
          await admin.query(`drop database if exists ${DATABASE} with (force)`).finally(() => admin.end());
        }
      } finally {
        await server?.stop();
        server = undefined;
      }
    },
    /** Polls until a new connection can run a query; resolves with the moment it first could. */
    async waitUntilAccepting(timeoutMs: number): Promise<number> {
      let acceptedAt = 0;
      await waitFor(
        async () => {
          const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 500 });
          try {
            await client.connect();
            await client.query("select 1");
            acceptedAt = Date.now();
            return true;
          } finally {
            await client.end().catch(() => undefined);
          }
        },
        { timeout: timeoutMs, interval: 25, message: "PostgreSQL did not accept connections" },
      );
      return acceptedAt;
    },
  };
}

/** A run that was killed (SIGKILL) leaves its server holding the data directory: stop it first. */
async function stopLeftoverServer(databaseDir: string) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresOf(pid, databaseDir)) return;
  process.kill(pid, "SIGINT");
  await heldInTime(waitFor(() => !isAlive(pid), { timeout: 10_000 }));
}

/** The pid file may be stale and its pid reused by another program: only a postgres on this directory counts. */
function isPostgresOf(pid: number, databaseDir: string) {
  try {
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return commandLine.some((arg) => arg.endsWith("postgres")) && commandLine.includes(databaseDir);
  } catch {
    return false;
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
