import pg from "pg";
import { Sequelize } from "sequelize";
import type { Logger } from "../logger";

export function createSequelize(databaseUrl: string, logger?: Logger, options: { poolMax?: number } = {}) {
  return new Sequelize(databaseUrl, {
    dialect: "postgres",
    dialectModule: pg,
    logging: logger && logger.isLevelEnabled("trace") ? (sql) => logger.trace({ sql }, "sql") : false,
    pool: { max: options.poolMax ?? 10, min: 0, idle: 10_000, acquire: 10_000 },
    define: { underscored: true, timestamps: false },
  });
}
