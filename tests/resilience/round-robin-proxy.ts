import http from "node:http";
import type { AddressInfo } from "node:net";

/** Headers that describe one connection, not the message: a proxy never passes them on. */
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"];

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const copy: http.OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

/**
 * The smallest load balancer that behaves like a real one (nginx's `proxy_pass` to an upstream
 * with the default round robin): each request goes to the next backend; bodies stream both ways,
 * so server-sent events pass as they happen; the Host is kept and X-Forwarded-For / -Proto /
 * -Host are set, as `proxy_set_header` would. It adds `X-Served-By` so a test can tell who answered.
 */
export async function startRoundRobinProxy(options: { backends: Array<{ name: string; url: string }>; port?: number }) {
  const { backends } = options;
  const agent = new http.Agent({ keepAlive: true });
  const served: Record<string, number> = Object.fromEntries(backends.map((b) => [b.name, 0]));
  let next = 0;

  const server = http.createServer((req, res) => {
    const backend = backends[next++ % backends.length]!;
    const target = new URL(backend.url);
    served[backend.name]! += 1;
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        agent,
        headers: {
          ...withoutHopByHop(req.headers),
          "x-forwarded-for": forwardedFor,
          "x-forwarded-proto": "http",
          "x-forwarded-host": req.headers.host ?? "",
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...withoutHopByHop(answer.headers), "x-served-by": backend.name });
        // Node holds the head back until the first body byte; an event stream may not send one for a while.
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { "Content-Type": "text/plain", "x-served-by": backend.name }).end("Bad gateway");
    });
    // A client that goes away (a closed event stream) closes its upstream request too.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    /** Requests passed to each backend so far. */
    served,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
