import pg from "pg";
import { Sequelize } from "sequelize";
import type { Logger } from "../logger";
import { toUnavailableIfUnreachable } from "./unavailable";

export function createSequelize(databaseUrl: string, logger?: Logger, options: { poolMax?: number } = {}) {
  const sequelize = new Sequelize(databaseUrl, {
    dialect: "postgres",
    dialectModule: pg,
    logging: logger && logger.isLevelEnabled("trace") ? (sql) => logger.trace({ sql }, "sql") : false,
    // Short waits, so a request fails within seconds when the database is away instead of hanging:
    // a connection attempt gives up after 2 s, a request waiting for a free connection after 5 s.
    pool: { max: options.poolMax ?? 10, min: 0, idle: 10_000, acquire: 5_000 },
    dialectOptions: { connectionTimeoutMillis: 2_000 },
    define: { underscored: true, timestamps: false },
  });
  reportUnreachableAsUnavailable(sequelize);
  return sequelize;
}

type AnyAsync = (...args: unknown[]) => Promise<unknown>;

/**
 * An unreachable database (down, restarting, refusing connections) surfaces from every query as
 * the domain's UnavailableError, which handlers answer with 503. Model methods and raw queries
 * all go through `query`; `transaction` is wrapped too, as it takes a connection before any query.
 */
function reportUnreachableAsUnavailable(sequelize: Sequelize) {
  const rethrow = (error: unknown) => {
    throw toUnavailableIfUnreachable(error);
  };
  const query = sequelize.query.bind(sequelize) as AnyAsync;
  const transaction = sequelize.transaction.bind(sequelize) as AnyAsync;
  sequelize.query = ((...args: unknown[]) => query(...args).catch(rethrow)) as typeof sequelize.query;
  sequelize.transaction = ((...args: unknown[]) => transaction(...args).catch(rethrow)) as typeof sequelize.transaction;
}
