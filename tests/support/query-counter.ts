import type { Sequelize } from "sequelize";

/** The SQL statements Sequelize runs while `work` runs (through its logging hook). */
export async function countQueries(sequelize: Sequelize, work: () => Promise<unknown>): Promise<string[]> {
  const options = (sequelize as unknown as { options: { logging: unknown } }).options;
  const statements: string[] = [];
  const previous = options.logging;
  options.logging = (statement: string) => void statements.push(statement);
  try {
    await work();
  } finally {
    options.logging = previous;
  }
  return statements;
}
