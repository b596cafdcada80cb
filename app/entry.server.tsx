import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { DocumentOnly } from "./utils/document-only";
import { documentSink } from "./utils/document-sink.server";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;

/**
 * Renders the whole document, then sends it in one piece. Nothing here suspends on the server (the
 * meeting code is client-only and no loader defers), so streaming would only split the same bytes
 * into React's small chunks, each passing through the stream adapters and the compressor: under
 * load that cost about a tenth of the room page's throughput.
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
  return new Promise<Response>((resolve, reject) => {
    let rendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <DocumentOnly.Provider value={loadContext.documentOnly}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
        </DocumentOnly.Provider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          rendered = true;
          const document = documentSink((body) => {
            clearTimeout(timeout);
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
          });
          pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the document is ready reject above; later ones are logged, not shown.
          if (rendered) loadContext.logger.error({ err: error }, "error while rendering a page");
        },
      },
    );
    const timeout = setTimeout(abort, ABORT_DELAY);
  });
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
