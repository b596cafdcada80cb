import type { Readable } from "node:stream";

/**
 * A request body as a web stream that stops at `limit` bytes, however it is sent (Content-Length
 * or chunked): past the limit the stream errors, nothing more is read from the socket (it is
 * paused, so the client meets TCP backpressure), and `exceeded` says why the route saw an error.
 * `started` says whether anything read it at all.
 */
export function boundedBody(source: Readable, limit: number, onExceeded: () => void) {
  let received = 0;
  let exceeded = false;
  let started = false;
  // `destroyOnReturn: false`: the socket must outlive the body, to carry the 413.
  const chunks = source.iterator({ destroyOnReturn: false });
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        started = true;
        const { done, value } = await chunks.next();
        if (done) return controller.close();
        const chunk = value as Buffer;
        received += chunk.byteLength;
        if (received > limit) {
          exceeded = true;
          source.pause();
          onExceeded();
          controller.error(new Error(`The request body is larger than ${limit} bytes.`));
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      },
      cancel() {
        source.pause();
      },
      // No read-ahead: the socket is read only when the route reads its body.
    },
    { highWaterMark: 0 },
  );
  return { stream, exceeded: () => exceeded, started: () => started };
}
