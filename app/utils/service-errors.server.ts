import type { SubmissionResult } from "@conform-to/react";
import { json } from "@remix-run/node";
import { isDomainError } from "../../server/errors";

interface ReplyingSubmission {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): SubmissionResult;
}

/**
 * Turns a service's domain error into the form's answer: field errors beside their fields,
 * with the fitting 4xx. Unknown errors are rethrown (the error boundary shows a generic page).
 */
export function replyWithServiceError(
  submission: ReplyingSubmission,
  error: unknown,
  options: { hideFields?: string[]; data?: Record<string, unknown> } = {},
) {
  const reply = (status: number, errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }, headers?: HeadersInit) =>
    json({ ...options.data, result: submission.reply({ ...errors, hideFields: options.hideFields }) }, { status, headers });

  if (isDomainError(error, "validation")) return reply(400, { fieldErrors: error.fields, formErrors: Object.keys(error.fields).length ? [] : [error.message] });
  if (isDomainError(error, "conflict")) return reply(409, { fieldErrors: error.fields });
  if (isDomainError(error, "authentication")) return reply(401, { formErrors: [error.message] });
  if (isDomainError(error, "invalid-token")) return reply(400, { formErrors: [error.message] });
  if (isDomainError(error, "unavailable")) return reply(503, { formErrors: [error.message] }, { "Retry-After": "10" });
  if (isDomainError(error, "rate-limited")) {
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    return reply(
      429,
      { formErrors: [`Too many attempts. Please wait ${minutes === 1 ? "a minute" : `${minutes} minutes`} and try again.`] },
      { "Retry-After": String(error.retryAfterSeconds) },
    );
  }
  throw error;
}

/**
 * For loaders and for actions without a form to answer on: a domain error becomes the Response to
 * throw (rendered by the error boundary). Unknown errors are returned as they are, to be rethrown.
 */
export function handleServiceError(error: unknown): unknown {
  if (isDomainError(error, "not-found")) return new Response("Not found", { status: 404 });
  if (isDomainError(error, "forbidden")) return new Response("Forbidden", { status: 403 });
  if (isDomainError(error, "validation")) return new Response(error.message, { status: 400 });
  if (isDomainError(error, "unavailable")) return new Response(error.message, { status: 503, headers: { "Retry-After": "10" } });
  if (isDomainError(error, "rate-limited")) {
    return new Response(error.message, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  return error;
}
