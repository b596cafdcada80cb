import type { Sequelize } from "sequelize";

/** Whether PostgreSQL answers a trivial query within `timeoutMs` (for the health check). */
export function createDatabaseProbe(sequelize: Sequelize) {
  return async (timeoutMs: number): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([sequelize.query("SELECT 1"), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
