import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import helmet from "helmet";

/** A fresh CSP nonce for every response (128 bits), read by entry.server for Remix's inline scripts. */
export const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
};

/** Pages whose URL carries a secret token (or shows messages that do): no Referer leaves them at all. */
const TOKEN_PAGES = [/^\/auth\/reset-password-form\/?$/, /^\/auth\/verify-email\/?$/, /^\/room\/[^/]+\/join\/?$/, /^\/dev\/mail(\/|$)/];

/**
 * Where the meeting pages may connect: the LiveKit server's signalling socket and its HTTP API
 * (livekit-client asks it for settings). LiveKit Cloud hands out regional hosts
 * (`<project>.<region>.production.livekit.cloud`), so for Cloud its subdomains are allowed too.
 */
export function liveKitConnectSources(url: string | undefined): string[] {
  if (!url) return [];
  const { protocol, host, hostname } = new URL(url);
  const secure = protocol === "wss:" || protocol === "https:";
  const [ws, http] = secure ? ["wss:", "https:"] : ["ws:", "http:"];
  const sources = [`${ws}//${host}`, `${http}//${host}`];
  if (hostname.endsWith(".livekit.cloud")) sources.push(`${ws}//*.livekit.cloud`, `${http}//*.livekit.cloud`);
  return sources;
}

export function securityHeaders(options: { production: boolean; connectSources?: string[] }): RequestHandler[] {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as { locals: { cspNonce: string } }).locals.cspNonce}'`;
  const permissionsPolicy: RequestHandler = (_req, res, next) => {
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self), geolocation=()");
    next();
  };
  const tokenPagesReferrer: RequestHandler = (req, res, next) => {
    if (TOKEN_PAGES.some((page) => page.test(req.path))) res.setHeader("Referrer-Policy", "no-referrer");
    next();
  };
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          // wasm-unsafe-eval: the background effects compile MediaPipe's WebAssembly (no JS eval).
          "script-src": [nonce, "'strict-dynamic'", "'wasm-unsafe-eval'"],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:", "blob:"],
          "font-src": ["'self'"],
          "media-src": ["'self'", "blob:"],
          "connect-src": ["'self'", ...(options.connectSources ?? [])],
          "worker-src": ["'self'", "blob:"],
          "object-src": ["'none'"],
          "base-uri": ["'none'"],
          "frame-ancestors": ["'none'"],
          "form-action": ["'self'"],
          ...(options.production ? { "upgrade-insecure-requests": [] } : {}),
        },
      },
      strictTransportSecurity: options.production ? { maxAge: 63072000, includeSubDomains: true, preload: false } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      xFrameOptions: { action: "deny" },
      crossOriginEmbedderPolicy: false,
    }),
    permissionsPolicy,
    tokenPagesReferrer,
  ];
}
