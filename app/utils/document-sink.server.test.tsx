import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { documentSink } from "./document-sink.server";

describe("documentSink (the whole document, then one response)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("collects React's render, and React ends it once (no second end after a 'close')", async () => {
    const end = vi.spyOn(Writable.prototype, "end");
    const sink = await new Promise<Writable>((resolve, reject) => {
      const { pipe } = renderToPipeableStream(<p>Hello, Parley</p>, {
        onAllReady() {
          const writable: Writable = documentSink((body) => {
            expect(body.toString()).toBe("<p>Hello, Parley</p>");
            resolve(writable);
          });
          pipe(writable);
        },
        onShellError: reject,
      });
    });
    // Whatever follows the end ('finish', then the stream's teardown) has run.
    await new Promise<void>((resolve) => (sink.destroyed ? resolve() : sink.once("finish", () => setImmediate(resolve))));
    await new Promise((resolve) => setImmediate(resolve));
    expect(end).toHaveBeenCalledTimes(1);
  });
});
