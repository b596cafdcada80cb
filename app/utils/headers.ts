import type { HeadersFunction } from "@remix-run/node";

/**
 * Remix keeps only Set-Cookie from an action's headers on the page it renders; a route that can
 * answer 429 exports this so the page keeps the Retry-After of its action's answer (or of the
 * Response it threw).
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders, errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
