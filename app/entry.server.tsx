import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { DocumentOnly } from "./utils/document-only";
import { NonceProvider } from "./utils/nonce";

/**
 * Renders the whole document to a string, then sends it in one piece. Nothing here suspends on the
 * server (the meeting code is client-only and no loader defers), so streaming would only cut the same
 * bytes into React's small chunks, each encoded and passed through the stream adapters: the room
 * page answered about a fifth fewer requests a second that way. A route that defers data would need
 * renderToPipeableStream back (it would render its fallbacks here).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // A thrown 503's own headers do not reach the document (Remix keeps only its cookies).
  if (responseStatusCode === 503 && !responseHeaders.has("Retry-After")) responseHeaders.set("Retry-After", "10");
  const html = renderToString(
    <NonceProvider value={nonce}>
      <DocumentOnly.Provider value={loadContext.documentOnly}>
        <RemixServer context={remixContext} url={request.url} />
      </DocumentOnly.Provider>
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

/**
 * Logs unexpected server errors through the request's logger (so the line carries its request id);
 * expected ones (a 404, a client that went away) are not errors.
 */
export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error)) return;
  context.logger.error({ err: error }, "unexpected error while answering a request");
}
