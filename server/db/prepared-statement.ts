import type pg from "pg";
import type { Sequelize } from "sequelize";
import type { GetConnectionOptions } from "sequelize/types/dialects/abstract/connection-manager";
import { isDatabaseUnreachable, toUnavailableIfUnreachable } from "./unavailable";

/** A statement PostgreSQL parses and plans once per connection, then only binds and runs. */
export interface PreparedStatement {
  /** Unique per text: a connection keeps each name's first text. */
  name: string;
  /** Fixed SQL with `$1…` placeholders (a module constant: values only ever go through `values`). */
  text: string;
}

/** The connection Sequelize's postgres pool hands out: a pg client, with the flag its pool validates. */
type PooledClient = pg.Client & { uuid?: string; _invalid?: boolean };

// What Sequelize itself asks for when it runs a SELECT (its typings only name the replica kinds).
const FOR_A_SELECT = { type: "SELECT" } as unknown as GetConnectionOptions;

/**
 * Runs a read as a named prepared statement on a connection of Sequelize's own pool (one pool, one
 * set of limits), for the hot reads whose planning costs more than their execution. Rows come back
 * as from a raw Sequelize SELECT (the same connection, so the same type parsers); the statement is
 * logged as Sequelize logs its own, and an unreachable database is the domain's UnavailableError.
 */
export async function preparedQuery<Row extends object>(
  sequelize: Sequelize,
  statement: PreparedStatement & { values: unknown[] },
): Promise<Row[]> {
  let connection: PooledClient;
  try {
    connection = (await sequelize.connectionManager.getConnection(FOR_A_SELECT)) as PooledClient;
  } catch (error) {
    throw toUnavailableIfUnreachable(error);
  }
  try {
    logStatement(sequelize, connection, statement.text);
    const result = await connection.query<Row>({ name: statement.name, text: statement.text, values: statement.values });
    return result.rows;
  } catch (error) {
    // As Sequelize does after a dropped connection: its pool then replaces this one.
    if (isDatabaseUnreachable(error)) connection._invalid = true;
    throw toUnavailableIfUnreachable(error);
  } finally {
    sequelize.connectionManager.releaseConnection(connection);
  }
}

/** The line Sequelize's own queries pass to `options.logging` (which the SQL trace and the query counts read). */
function logStatement(sequelize: Sequelize, connection: PooledClient, text: string) {
  const { logging } = (sequelize as unknown as { options: { logging?: unknown } }).options;
  if (typeof logging === "function") logging(`Executing (${connection.uuid ?? "default"}): ${text}`);
}
