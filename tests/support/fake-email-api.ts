import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** As received: a path for SendGrid, an absolute https URL for Mailjet (which arrives as a proxy request). */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/**
 * A local stand-in for the SendGrid v3 and Mailjet v3.1 send APIs, answering as they do, so the
 * real SDKs can be tested without an account or a network. It records every request, and can be
 * told to fail (an HTTP status) or to hang (no answer) for the next few requests.
 */
export async function startFakeEmailApi() {
  const requests: RecordedRequest[] = [];
  let failures: Array<{ status: number; body?: unknown } | "hang"> = [];
  let sequence = 0;
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // keep the raw text
      }
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });

      const failure = failures.shift();
      if (failure === "hang") {
        hanging.add(res);
        return;
      }
      const path = (req.url ?? "").replace(/^https?:\/\/[^/]+/, "");
      if (failure) {
        // Shaped like both APIs' errors: SendGrid's `errors[]`, Mailjet's `ErrorMessage`.
        const errorBody = failure.body ?? { errors: [{ message: `fake failure ${failure.status}` }], ErrorMessage: `fake failure ${failure.status}` };
        res.writeHead(failure.status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(errorBody));
        return;
      }
      sequence += 1;
      if (req.method === "POST" && path === "/v3/mail/send") {
        res.writeHead(202, { "X-Message-Id": `sg-${sequence}` });
        res.end();
        return;
      }
      if (req.method === "POST" && path === "/v3.1/send") {
        const messages = (body as { Messages?: Array<{ To?: Array<{ Email: string }> }> }).Messages ?? [];
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(
          JSON.stringify({
            Messages: messages.map((message) => ({
              Status: "success",
              To: (message.To ?? []).map((to) => ({ Email: to.Email, MessageUUID: `mj-uuid-${sequence}`, MessageID: 1000 + sequence })),
            })),
          }),
        );
        return;
      }
      res.writeHead(404).end();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    /** Answer the next `count` requests with `status` (and `body`, or a generic error body). */
    failNext(count: number, status: number, body?: unknown) {
      failures.push(...Array.from({ length: count }, () => ({ status, body })));
    },
    /** Never answer the next `count` requests (until close), to exercise client timeouts. */
    hangNext(count: number) {
      failures.push(...Array.from({ length: count }, () => "hang" as const));
    },
    reset() {
      requests.length = 0;
      failures = [];
      sequence = 0;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type FakeEmailApi = Awaited<ReturnType<typeof startFakeEmailApi>>;
