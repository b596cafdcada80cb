import pg from "pg";
import { QueryTypes, type Sequelize } from "sequelize";

/** A statement as sent to PostgreSQL: its text and, for a prepared (or bound) one, its values. */
export interface SentStatement {
  text: string;
  values?: unknown[];
}

/** Runs `work`, recording every statement the pg driver sends meanwhile, with its values. */
export async function recordingStatements<T>(work: () => Promise<T>): Promise<{ result: T; sent: SentStatement[] }> {
  const sent: SentStatement[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | SentStatement, unknown];
    sent.push(typeof config === "string" ? { text: config, values: Array.isArray(values) ? values : undefined } : config);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    return { result: await work(), sent };
  } finally {
    pg.Client.prototype.query = query;
  }
}

/**
 * EXPLAIN (ANALYZE) of a statement as the server runs it. One with values (a prepared statement) is
 * prepared on one connection and run past PostgreSQL's five custom plans first: the plan a server's
 * connections settle on. `options` go into EXPLAIN's parentheses after ANALYZE (`FORMAT JSON`).
 */
export async function explainAsRun(sequelize: Sequelize, statement: SentStatement, options = ""): Promise<unknown[]> {
  const explain = `EXPLAIN (ANALYZE${options ? `, ${options}` : ""})`;
  return sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query<{ "QUERY PLAN": unknown }>(sql, { type: QueryTypes.SELECT, transaction });
    const plan = async (rows: Promise<Array<{ "QUERY PLAN": unknown }>>) => (await rows).map((row) => row["QUERY PLAN"]);
    if (!statement.values?.length) return plan(run(`${explain} ${statement.text}`));
    const args = statement.values.map((value) => sequelize.escape(value as string)).join(", ");
    await run(`PREPARE explained AS ${statement.text}`);
    for (let i = 0; i < 6; i += 1) await run(`EXECUTE explained(${args})`);
    const rows = await plan(run(`${explain} EXECUTE explained(${args})`));
    await run("DEALLOCATE explained");
    return rows;
  });
}
