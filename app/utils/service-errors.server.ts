import type { SubmissionResult } from "@conform-to/react";
import { json } from "@remix-run/node";
import { isDomainError } from "../../server/errors";
import { httpAnswerFor } from "./domain-errors.server";

interface ReplyingSubmission {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): SubmissionResult;
}

/**
 * Turns a service's domain error into the form's answer: field errors beside their fields, with
 * the status from the one table (domain-errors.server.ts). Not-found and forbidden have no form
 * answer: their error page is thrown. Unknown errors are rethrown (the boundary's generic page).
 */
export function replyWithServiceError(
  submission: ReplyingSubmission,
  error: unknown,
  options: { hideFields?: string[]; data?: Record<string, unknown> } = {},
) {
  if (!isDomainError(error) || error.kind === "not-found" || error.kind === "forbidden") throw handleServiceError(error);
  const { status, headers } = httpAnswerFor(error, "page");
  const reply = (errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) =>
    json({ ...options.data, result: submission.reply({ ...errors, hideFields: options.hideFields }) }, { status, headers });

  if (isDomainError(error, "validation"))
    return reply({ fieldErrors: error.fields, formErrors: Object.keys(error.fields).length ? [] : [error.message] });
  if (isDomainError(error, "conflict")) return reply({ fieldErrors: error.fields });
  if (isDomainError(error, "rate-limited")) {
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    return reply({ formErrors: [`Too many attempts. Please wait ${minutes === 1 ? "a minute" : `${minutes} minutes`} and try again.`] });
  }
  return reply({ formErrors: [error.message] });
}

/**
 * For loaders and for actions without a form to answer on: a domain error becomes the Response to
 * throw (rendered by the error boundary). Unknown errors are returned as they are, to be rethrown.
 */
export function handleServiceError(error: unknown): unknown {
  if (!isDomainError(error)) return error;
  const { status, headers } = httpAnswerFor(error, "page");
  return new Response(error.message, { status, headers });
}
