import type { DomainError, DomainErrorKind } from "../../server/errors";

export type ApiErrorCode =
  | "validation_failed"
  | "invalid_json"
  | "unsupported_media_type"
  | "payload_too_large"
  | "unauthorized"
  | "invalid_credentials"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid_token"
  | "rate_limited"
  | "unavailable"
  | "method_not_allowed";

/**
 * How each kind of domain error answers over HTTP: the one table pages and the JSON API share.
 * The API answers a validation error with 422 (its documented contract); pages with 400.
 */
const HTTP_FOR_KIND: Record<DomainErrorKind, { status: number; apiStatus?: number; code: ApiErrorCode }> = {
  validation: { status: 400, apiStatus: 422, code: "validation_failed" },
  conflict: { status: 409, code: "conflict" },
  authentication: { status: 401, code: "invalid_credentials" },
  "not-found": { status: 404, code: "not_found" },
  forbidden: { status: 403, code: "forbidden" },
  "invalid-token": { status: 400, code: "invalid_token" },
  "rate-limited": { status: 429, code: "rate_limited" },
  unavailable: { status: 503, code: "unavailable" },
};

/** How long a client should wait before trying again after something Parley depends on failed. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 10;

function retryAfterSeconds(error: DomainError): number | null {
  if (error.kind === "rate-limited") return (error as DomainError & { retryAfterSeconds: number }).retryAfterSeconds;
  if (error.kind === "unavailable") return UNAVAILABLE_RETRY_AFTER_SECONDS;
  return null;
}

export function httpAnswerFor(
  error: DomainError,
  surface: "page" | "api",
): { status: number; code: ApiErrorCode; headers?: Record<string, string> } {
  const { status, apiStatus, code } = HTTP_FOR_KIND[error.kind];
  const retryAfter = retryAfterSeconds(error);
  return {
    status: surface === "api" ? (apiStatus ?? status) : status,
    code,
    ...(retryAfter === null ? {} : { headers: { "Retry-After": String(retryAfter) } }),
  };
}
