import {
  AuthenticationError,
  ConflictError,
  ForbiddenError,
  InvalidTokenError,
  NotFoundError,
  RateLimitedError,
  UnavailableError,
  ValidationError,
  type DomainError,
} from "../../server/errors";

/** Every domain error kind and how HTTP answers it: [error, page status, API status, API code, Retry-After]. */
export const DOMAIN_ERROR_CASES: Array<[DomainError, number, number, string, string | null]> = [
  [new ValidationError("bad", { name: ["Too long"] }), 400, 422, "validation_failed", null],
  [new ConflictError("taken", { email: ["Taken"] }), 409, 409, "conflict", null],
  [new AuthenticationError("who?"), 401, 401, "invalid_credentials", null],
  [new NotFoundError("No such room"), 404, 404, "not_found", null],
  [new ForbiddenError("Only the owner"), 403, 403, "forbidden", null],
  [new InvalidTokenError("Expired link"), 400, 400, "invalid_token", null],
  [new RateLimitedError(120), 429, 429, "rate_limited", "120"],
  [new UnavailableError("Database down"), 503, 503, "unavailable", "10"],
];
