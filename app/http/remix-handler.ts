import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { boundedBody } from "./bounded-body";

const BODYLESS = new Set(["GET", "HEAD"]);

/**
 * `@remix-run/express`'s request handler, except that the body Remix reads is bounded per path
 * (`bodyLimit`): past it, whatever the route made of the error is replaced by `tooLarge`'s 413,
 * sent with `Connection: close` so the rest of the body is never read.
 */
export function createRemixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  bodyLimit: (req: ExpressRequest) => number;
  tooLarge: (req: ExpressRequest, res: ExpressResponse, limit: number) => void;
}): RequestHandler {
  const handleRequest = createRequestHandler(options.build, options.mode);
  return async (req, res, next) => {
    const limit = options.bodyLimit(req);
    const controller = new AbortController();
    let finished = false;
    // Aborting the request also tells the error logging (entry.server) that nothing went wrong here.
    const body = BODYLESS.has(req.method) ? undefined : boundedBody(req, limit, () => controller.abort());
    // Abort loaders and actions once no response can be written (`close` without `finish`).
    res.on("finish", () => (finished = true));
    res.on("close", () => finished || controller.abort());
    try {
      const request = new Request(remixUrl(req), {
        method: req.method,
        headers: headersOf(req),
        signal: controller.signal,
        ...(body ? { body: body.stream, duplex: "half" } : {}),
      } as RequestInit);
      const response = await handleRequest(request, options.getLoadContext(req, res));
      if (body?.exceeded()) return options.tooLarge(req, res, limit);
      if (body && !req.complete && !canDropUnreadBody(req, limit, body.started())) res.setHeader("Connection", "close");
      await sendRemixResponse(res, response);
    } catch (error) {
      if (body?.exceeded()) return options.tooLarge(req, res, limit);
      next(error);
    }
  };
}

/**
 * A body the route never started reading, announced within the limit, is read and dropped once the
 * answer is sent (Node does that for an untouched body), keeping the connection: closing a socket
 * while the client still sends makes the kernel reset it, and the client loses the answer. A body
 * read in part, chunked or announced past the limit is not read on: the connection closes instead.
 */
function canDropUnreadBody(req: ExpressRequest, limit: number, started: boolean): boolean {
  const announced = Number(req.get("content-length"));
  return !started && Number.isSafeInteger(announced) && announced <= limit;
}

/** As the adapter builds it: the port from X-Forwarded-Host or Host, the host name as `trust proxy` allows. */
function remixUrl(req: ExpressRequest): string {
  const portOf = (value: string | undefined) => Number.parseInt(value?.split(":")[1] ?? "", 10);
  const port = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("host"))].find(Number.isSafeInteger);
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
}

function headersOf(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    for (const value of Array.isArray(values) ? values : values ? [values] : []) headers.append(name, value);
  }
  return headers;
}

async function sendRemixResponse(res: ExpressResponse, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  // Server-sent events: the headers go now, not with the first event.
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
