import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { createLogger } from "../server/logger";
import { handleError } from "./entry.server";

function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger("info", { write: (line: string) => void lines.push(line) }).child({ requestId: "req-42" });
  return { logger, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const argsFor = (logger: AppLoadContext["logger"], init?: RequestInit) =>
  ({ request: new Request("http://parley.test/room/x", init), params: {}, context: { logger } as unknown as AppLoadContext }) as Parameters<
    typeof handleError
  >[1];

describe("handleError (render and data errors)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("logs an unexpected error through the request's pino logger, with its request id, never console.error", () => {
    const { logger, entries } = capturedLogger();
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    handleError(new Error("boom"), argsFor(logger));
    expect(consoleError).not.toHaveBeenCalled();
    expect(entries()).toEqual([
      expect.objectContaining({ level: 50, requestId: "req-42", err: expect.objectContaining({ message: "boom", type: "Error" }) }),
    ]);
  });

  it("logs nothing for a request the client abandoned", () => {
    const { logger, entries } = capturedLogger();
    const aborted = new AbortController();
    aborted.abort();
    handleError(new Error("gone"), argsFor(logger, { signal: aborted.signal }));
    expect(entries()).toEqual([]);
  });
});
