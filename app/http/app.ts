import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { Honeypot } from "remix-utils/honeypot/server";
import { randomUUID } from "node:crypto";
import type { Config } from "../../server/config";
import type { Services } from "../../server/container";
import type { Logger } from "../../server/logger";
import type { ParleyLoadContext } from "./load-context";
import { MAX_JSON_BYTES } from "../api/http.server";
import { createRemixHandler } from "./remix-handler";
import { requireHostMatchingOrigin } from "./proxy-host";
import { requireSameOrigin } from "./same-origin";
import { apiCors } from "./cors";
import { cspNonce, liveKitConnectSources, securityHeaders } from "./security-headers";
import { withDomainErrorsAsResponses } from "./domain-errors-as-responses";
import { newDocumentOnlyData } from "../utils/document-only";

/** Forms here are small; the JSON API (and LiveKit's webhook under it) smaller still. */
const MAX_FORM_BYTES = 256 * 1024;
const bodyLimit = (req: express.Request) => (req.path.startsWith("/api/") ? MAX_JSON_BYTES : MAX_FORM_BYTES);

/** 413, and the connection closed: the rest of the body is never read. */
function refuseTooLarge(req: express.Request, res: express.Response, limit: number) {
  if (res.headersSent) return void res.destroy();
  const message = `That request is too large (at most ${limit / 1024} KB).`;
  res.status(413).set("Connection", "close");
  if (req.path.startsWith("/api/")) res.json({ message, code: "payload_too_large" });
  else res.type("text/plain").send(message);
}

/**
 * Requests the same-origin check need not guard, because a forged one could achieve nothing:
 * LiveKit's webhook (server to server, authenticated by its signature), and JSON API calls that
 * authenticate with a Bearer token or carry no cookie at all (no ambient credentials to abuse;
 * the API also accepts only application/json, which a cross-site page cannot send without a
 * CORS preflight that Parley never grants).
 */
function carriesNoAmbientCredentials(req: express.Request): boolean {
  if (req.path === "/api/livekit/webhook") return true;
  if (!req.path.startsWith("/api/")) return false;
  return /^Bearer\s/i.test(req.get("authorization") ?? "") || !req.get("cookie");
}
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The HTTP server around Remix. Plain `remix-serve` cannot do what this needs: hand the client IP
 * and the composition root's services to loaders, set a per-response CSP nonce and security headers
 * (static files included), and refuse cross-site writes before Remix parses a body.
 */
export function createHttpApp(options: {
  config: Config;
  services: Services;
  logger: Logger;
  build: ServerBuild | (() => Promise<ServerBuild>);
  publicDir?: string;
}) {
  const { config, services, logger } = options;
  const publicDir = options.publicDir ?? path.resolve("public");
  const app = express();
  const honeypot = new Honeypot({ encryptionSeed: config.sessionSecret });

  app.disable("x-powered-by");
  if (config.trustProxy) {
    const value = config.trustProxy;
    app.set("trust proxy", /^\d+$/.test(value) ? Number(value) : value === "true" ? true : value);
  }

  app.use((req, res, next) => {
    if (!ALLOWED_METHODS.has(req.method)) {
      res
        .status(405)
        .set("Allow", [...ALLOWED_METHODS].join(", "))
        .end();
      return;
    }
    const requestId = randomUUID();
    const started = process.hrtime.bigint();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms) }, "request");
    });
    next();
  });

  app.use(cspNonce);
  app.use(
    securityHeaders({
      production: config.isProduction,
      connectSources: [...(config.isProduction ? [] : ["ws://localhost:3001"]), ...liveKitConnectSources(config.livekit?.url)],
    }),
  );
  // Server-sent events must reach the browser as they happen, not when a compressor's buffer fills.
  app.use(compression({ filter: (req, res) => req.get("accept") !== "text/event-stream" && compression.filter(req, res) }));

  // Fingerprinted build output is immutable; everything else in public/ is cached briefly.
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y", dotfiles: "ignore" }));
  // Only paths that name a file (`/favicon.svg`, `/backgrounds/x.jpg`) are looked for on disk: pages skip the stat.
  const publicFiles = express.static(publicDir, { maxAge: "1h", dotfiles: "ignore", index: false });
  app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

  // For load balancers and orchestrators: 200 when the database answers, 503 when it does not.
  app.get("/healthz", async (_req, res) => {
    const health = await services.health.check();
    res
      .status(health.status === "ok" ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json(health);
  });

  app.use(apiCors(config.corsAllowedOrigins));
  // Any other OPTIONS (a preflight from an origin not allowed above) just lists the methods, granting nothing.
  app.options("*", (_req, res) => {
    res.set("Allow", "GET, HEAD, POST, OPTIONS").status(204).end();
  });

  app.use(requireSameOrigin({ appOrigin: new URL(config.appUrl).origin, exempt: carriesNoAmbientCredentials }));
  app.use(requireHostMatchingOrigin(logger));

  app.use((req, res, next) => {
    // A body announced as too large is refused before anything reads it (a chunked one as it comes: createRemixHandler).
    if (Number(req.get("content-length") ?? 0) > bodyLimit(req)) return refuseTooLarge(req, res, bodyLimit(req));
    // Pages carry a per-response nonce and often a session: no cache may keep them.
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  const build = options.build;
  app.all(
    "*",
    createRemixHandler({
      // A function under `remix dev` (a fresh build after each change).
      build: typeof build === "function" ? async () => withDomainErrorsAsResponses(await build()) : withDomainErrorsAsResponses(build),
      mode: config.isProduction ? "production" : "development",
      getLoadContext: (req, res): ParleyLoadContext => ({
        services,
        cspNonce: res.locals.cspNonce,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        appUrl: config.appUrl,
        secureCookies: config.isProduction,
        cookieSecrets: [config.sessionSecret],
        honeypot,
        logger: logger.child({ requestId: res.locals.requestId }),
        // Remix's client asks for data with `?_data=<route id>`; anything else is a whole page.
        documentOnly: req.query._data === undefined ? newDocumentOnlyData() : null,
      }),
      bodyLimit,
      tooLarge: refuseTooLarge,
    }),
  );

  return app;
}
