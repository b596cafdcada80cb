import { ValidationError } from "../errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The most rooms or posts one page may hold, whatever a client asks for. */
export const MAX_PAGE_SIZE = 100;

/** A page size as asked for, within 1..MAX_PAGE_SIZE. */
export const pageSize = (asked: number | undefined, standard: number) => Math.min(Math.max(asked ?? standard, 1), MAX_PAGE_SIZE);

/** Keyset cursors: an opaque, URL-safe form of (time, id). */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined | null): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || !UUID.test(id) || Number.isNaN(at.getTime())) {
    throw new ValidationError("This page link is not valid", { cursor: ["This page link is not valid"] });
  }
  return { at, id };
}

export function isUuid(value: string | undefined | null): value is string {
  return typeof value === "string" && UUID.test(value);
}
