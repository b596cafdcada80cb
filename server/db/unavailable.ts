import { ConnectionError, DatabaseError } from "sequelize";
import { UnavailableError } from "../errors";

export const DATABASE_UNAVAILABLE_MESSAGE = "Parley's database is not answering right now. Please try again in a moment.";

// 57P01 admin shutdown, 57P02 crash shutdown, 57P03 starting up or shutting down, 53300 too many
// connections, class 08 connection exceptions; and the socket-level failures underneath them.
const UNAVAILABLE_SQLSTATE = /^(57P0[123]|53300|08...)$/;
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// What pg says when the connection drops under a query, or is used after it dropped.
const LOST_CONNECTION = /connection terminated|not queryable|timeout exceeded when trying to connect/i;

/**
 * Whether a database failure means "the database cannot be reached right now" (it is down,
 * restarting or refusing connections), as opposed to a fault in the query or the data. Every
 * failure to get a connection counts, including the pool's acquire timeout.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  const cause = error instanceof DatabaseError ? error.parent : error;
  if (!(cause instanceof Error)) return false;
  const code = (cause as Error & { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  return LOST_CONNECTION.test(cause.message);
}

/** The error to throw instead: a domain error the handlers answer with 503 (the original kept as its cause). */
export function toUnavailableIfUnreachable(error: unknown): unknown {
  if (!isDatabaseUnreachable(error)) return error;
  return new UnavailableError(DATABASE_UNAVAILABLE_MESSAGE, { cause: error });
}
