import { json, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { AuthenticatedSession } from "../../server/services/sessions";
import { ConflictError, ValidationError, isDomainError, type FieldErrors } from "../../server/errors";
import { httpAnswerFor, type ApiErrorCode } from "~/utils/domain-errors.server";
import { getSession } from "~/utils/session.server";

/**
 * The JSON API's plumbing: one error shape for every failure (`{message, code, fields?}`, the
 * message at the top level where the customer's client reads it), JSON bodies read with a size
 * cap and checked by zod (unknown fields refused), lists paged by `Link` headers, and
 * authentication by `Authorization: Bearer <jwt>` or, from Parley's own origin, the session cookie.
 * Loaders and actions throw what goes wrong; app/http/domain-errors-as-responses.ts answers it.
 */
export type { ApiErrorCode };

export const MAX_JSON_BYTES = 64 * 1024;

export function apiError(status: number, code: ApiErrorCode, message: string, fields?: Record<string, string[]>, headers?: HeadersInit) {
  return json({ message, code, ...(fields && Object.keys(fields).length ? { fields } : {}) }, { status, headers });
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `rows[2].email` (the services' notation) and `["rows", 2, "email"]` (zod's) both become `rows.2.email`; names are snake_case. */
const fieldName = (path: string | Array<string | number>) =>
  snakeCase((Array.isArray(path) ? path.join(".") : path.replace(/\[(\d+)\]/g, ".$1")) || "body");

/** 422 with messages by field; the top-level message repeats them, for clients that show only it (as §5.1's does). */
function invalid(fields: Record<string, string[]>) {
  const messages = Object.entries(fields).map(([name, [first]]) => `${name}: ${first}`);
  return apiError(422, "validation_failed", messages.slice(0, 3).join("; ") + (messages.length > 3 ? "; …" : ""), fields);
}

export function fieldsOf(issues: z.ZodIssue[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) (fields[fieldName(issue.path)] ??= []).push(issue.message);
  return fields;
}

const apiFields = (fields: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(fields).map(([name, messages]) => [fieldName(name), messages]));

/** A domain error from a service, as the API answers it (domain-errors.server.ts); anything else is rethrown (a real 500). */
export function domainErrorResponse(error: unknown): Response {
  if (error instanceof Response) return error;
  if (!isDomainError(error)) throw error;
  const { status, code, headers } = httpAnswerFor(error, "api");
  const fields = isDomainError(error, "validation") || isDomainError(error, "conflict") ? apiFields(error.fields) : undefined;
  return apiError(status, code, error.message, fields, headers);
}

/**
 * Answers with `data` as `schema` says (dates as ISO strings, extra properties dropped), so every
 * response matches the OpenAPI document, which is generated from the same schemas.
 */
export function respond<S extends z.ZodTypeAny>(schema: S, data: unknown, status = 200, headers?: HeadersInit) {
  return json(schema.parse(JSON.parse(JSON.stringify(data))), { status, headers });
}

/**
 * A list as a plain JSON array; the next page, if any, in an RFC 8288 `Link` header (as GitHub
 * does): this request's URL on the app's origin with `cursor` set.
 */
export function respondList<S extends z.ZodTypeAny>(
  schema: S,
  items: unknown[],
  page: { request: Request; appUrl: string; next: string | null },
) {
  if (!page.next) return respond(schema, items);
  const url = new URL(page.request.url);
  const next = new URL(url.pathname + url.search, page.appUrl);
  next.searchParams.set("cursor", page.next);
  return respond(schema, items, 200, { Link: `<${next.href}>; rel="next"` });
}

export const noContent = () => new Response(null, { status: 204 });

export const done = (message: string) => json({ message });

/** A service's field errors under the names this endpoint's body uses (e.g. a batch's `rows.2.email` as `participants.2.email`). */
export function renamingFields(rename: (field: string) => string) {
  return (error: unknown): never => {
    const renamed = (fields: FieldErrors) =>
      Object.fromEntries(Object.entries(fields).map(([name, messages]) => [rename(fieldName(name)), messages]));
    if (isDomainError(error, "validation")) throw new ValidationError(error.message, renamed(error.fields));
    if (isDomainError(error, "conflict")) throw new ConflictError(error.message, renamed(error.fields));
    throw error;
  };
}

export const methodNotAllowed = (allowed: string[]) =>
  apiError(405, "method_not_allowed", `Use ${allowed.join(" or ")}.`, undefined, { Allow: allowed.join(", ") });

/** The object schema inside refinements, whose keys are the only ones a body may have. */
function objectShapeOf(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> | null {
  let current: z.ZodTypeAny = schema;
  while (current instanceof z.ZodEffects) current = current.innerType();
  return current instanceof z.ZodObject ? (current.shape as Record<string, z.ZodTypeAny>) : null;
}

async function readCapped(request: Request): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_JSON_BYTES) {
    throw apiError(413, "payload_too_large", `Bodies can be at most ${MAX_JSON_BYTES / 1024} KB.`);
  }
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_JSON_BYTES) {
      await reader.cancel();
      throw apiError(413, "payload_too_large", `Bodies can be at most ${MAX_JSON_BYTES / 1024} KB.`);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw apiError(400, "invalid_json", "The body is not valid UTF-8.");
  }
}

/** A JSON object body checked by `schema` (parseBody): 415 if it is not JSON, 413 if too large, 400 if unreadable, 422 if invalid. */
export async function readJson<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<z.output<S>> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
    throw apiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const text = await readCapped(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw apiError(400, "invalid_json", "The body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw apiError(422, "validation_failed", "The body must be a JSON object.", { body: ["Expected an object"] });
  }
  return parseBody(body as Record<string, unknown>, schema);
}

/** A JSON object checked by `schema`, whose keys are the only ones it may have: 422 otherwise. */
export function parseBody<S extends z.ZodTypeAny>(body: Record<string, unknown>, schema: S): z.output<S> {
  const shape = objectShapeOf(schema);
  if (shape) {
    // Own keys only: `constructor` or `__proto__` is not a field because every object inherits one.
    const unknown = Object.keys(body).filter((key) => !Object.hasOwn(shape, key));
    if (unknown.length) {
      throw invalid(Object.fromEntries(unknown.map((k) => [k, ["Unknown field"]])));
    }
  }
  const result = schema.safeParse(body);
  if (!result.success) throw invalid(fieldsOf(result.error.issues));
  return result.data;
}

/** Query parameters checked like a body (unknown ones ignored: caches and tools add their own). */
export function readQuery<S extends z.ZodTypeAny>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) throw invalid(fieldsOf(result.error.issues));
  return result.data;
}

/**
 * The caller's session: a Bearer token if one is sent (then cookies are ignored), else the
 * session cookie, only from Parley's own pages (whose state-changing requests passed the
 * same-origin check in app/http): a client on another origin, even one CORS lets in, uses Bearer.
 */
export async function requireApiSession(request: Request, context: AppLoadContext): Promise<AuthenticatedSession> {
  const unauthorized = () =>
    apiError(401, "unauthorized", "Sign in first: send Authorization: Bearer <token> from POST /api/auth/signin.", undefined, {
      "WWW-Authenticate": 'Bearer realm="parley"',
    });
  const header = request.headers.get("authorization");
  if (header !== null) {
    const token = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header)?.[1];
    const session = token ? await context.services.sessions.authenticate(token) : null;
    if (!session) throw unauthorized();
    return session;
  }
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(context.appUrl).origin && origin !== new URL(request.url).origin) throw unauthorized();
  const session = await getSession(request, context);
  if (!session) throw unauthorized();
  return session;
}
