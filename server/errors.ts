/**
 * Typed domain errors. Services throw these; the handler layer maps them to HTTP
 * (app/utils/service-errors.server.ts).
 *
 * The Remix build and the server bundle each hold a copy of this module, so handlers recognise
 * these errors by their `kind`, never with `instanceof`.
 */
export type FieldErrors = Record<string, string[]>;

export type DomainErrorKind =
  "validation" | "conflict" | "authentication" | "not-found" | "forbidden" | "invalid-token" | "rate-limited" | "unavailable";

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  readonly isDomainError = true;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input broke a rule; `fields` says which field and why. */
export class ValidationError extends DomainError {
  readonly kind = "validation";
  constructor(
    message: string,
    public readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

/** Something unique is already taken (an email, a username). */
export class ConflictError extends DomainError {
  readonly kind = "conflict";
  constructor(
    message: string,
    public readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

export class AuthenticationError extends DomainError {
  readonly kind = "authentication";
}

/** Not there, or not yours to see: the two get the same answer on purpose. */
export class NotFoundError extends DomainError {
  readonly kind = "not-found";
}

export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
}

/** A link whose token is unknown, used or expired. */
export class InvalidTokenError extends DomainError {
  readonly kind = "invalid-token";
}

export class RateLimitedError extends DomainError {
  readonly kind = "rate-limited";
  constructor(public readonly retryAfterSeconds: number) {
    super("Too many attempts. Please wait and try again.");
  }
}

/** Something Parley depends on (its database, LiveKit) does not answer; trying again later may work. */
export class UnavailableError extends DomainError {
  readonly kind = "unavailable";
}

type ErrorOfKind = {
  validation: ValidationError;
  conflict: ConflictError;
  authentication: AuthenticationError;
  "not-found": NotFoundError;
  forbidden: ForbiddenError;
  "invalid-token": InvalidTokenError;
  "rate-limited": RateLimitedError;
  unavailable: UnavailableError;
};

export function isDomainError<K extends DomainErrorKind>(error: unknown, kind?: K): error is ErrorOfKind[K] {
  if (typeof error !== "object" || error === null || (error as DomainError).isDomainError !== true) return false;
  return kind === undefined || (error as DomainError).kind === kind;
}
