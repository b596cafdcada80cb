import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** As received: a path for SendGrid, an absolute https URL for Mailjet (which arrives as a proxy request). */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** When it arrived (ms since the epoch). */
  at: number;
  /** What the fake did with it: the status it answered, or "hang" (never answered). */
  outcome: number | "hang";
}

/** A message the fake accepted (answered 2xx), as either API described it. */
export interface AcceptedMessage {
  api: "sendgrid" | "mailjet";
  to: string;
  subject: string;
  at: number;
}

type Failure = { status: number; body?: unknown } | "hang";

/**
 * A local stand-in for the SendGrid v3 and Mailjet v3.1 send APIs, answering as they do, so the
 * real SDKs can be tested without an account or a network. It records every request, and can be
 * told to fail (an HTTP status) or to hang (no answer) for the next few requests, or to be down
 * (failing or hanging every request) until told to recover.
 */
export async function startFakeEmailApi() {
  const requests: RecordedRequest[] = [];
  let failures: Failure[] = [];
  let outage: Failure | undefined;
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
      const failure = failures.shift() ?? outage;
      const record: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body,
        at: Date.now(),
        outcome: "hang",
      };
      requests.push(record);

      if (failure === "hang") {
        hanging.add(res);
        return;
      }
      const path = (req.url ?? "").replace(/^https?:\/\/[^/]+/, "");
      if (failure) {
        // Shaped like both APIs' errors: SendGrid's `errors[]`, Mailjet's `ErrorMessage`.
        const errorBody = failure.body ?? {
          errors: [{ message: `fake failure ${failure.status}` }],
          ErrorMessage: `fake failure ${failure.status}`,
        };
        record.outcome = failure.status;
        res.writeHead(failure.status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(errorBody));
        return;
      }
      sequence += 1;
      if (req.method === "POST" && path === "/v3/mail/send") {
        record.outcome = 202;
        res.writeHead(202, { "X-Message-Id": `sg-${sequence}` });
        res.end();
        return;
      }
      if (req.method === "POST" && path === "/v3.1/send") {
        const messages = (body as { Messages?: Array<{ To?: Array<{ Email: string }> }> }).Messages ?? [];
        record.outcome = 200;
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
      record.outcome = 404;
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
    /** Be down until `recover()`: answer every request with `status`, or never answer ("hang"). */
    goDown(failure: { status: number; body?: unknown } | "hang") {
      outage = failure;
    },
    /** Answer normally again; requests left hanging are cut off (they were never accepted). */
    recover() {
      outage = undefined;
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    /** Every message accepted so far: one per 2xx answer (each request sends one message here). */
    accepted(): AcceptedMessage[] {
      return requests.filter((r) => typeof r.outcome === "number" && r.outcome >= 200 && r.outcome < 300).flatMap(messagesIn);
    },
    reset() {
      requests.length = 0;
      failures = [];
      outage = undefined;
      sequence = 0;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The messages a send request carries (accepted or not), read as either API describes them. */
export function messagesIn(request: RecordedRequest): AcceptedMessage[] {
  if (request.url.endsWith("/v3/mail/send")) {
    const body = request.body as { subject?: string; personalizations?: Array<{ to?: Array<{ email: string }>; subject?: string }> };
    return (body.personalizations ?? []).flatMap((p) =>
      (p.to ?? []).map((to) => ({ api: "sendgrid" as const, to: to.email, subject: p.subject ?? body.subject ?? "", at: request.at })),
    );
  }
  const body = request.body as { Messages?: Array<{ To?: Array<{ Email: string }>; Subject?: string }> };
  return (body.Messages ?? []).flatMap((m) =>
    (m.To ?? []).map((to) => ({ api: "mailjet" as const, to: to.Email, subject: m.Subject ?? "", at: request.at })),
  );
}

export type FakeEmailApi = Awaited<ReturnType<typeof startFakeEmailApi>>;
