import type { RequestHandler } from "express";

const ALLOWED_METHODS = "GET, POST, PATCH, DELETE";
const ALLOWED_HEADERS = "Authorization, Content-Type";
const EXPOSED_HEADERS = "Link, Location, Retry-After, WWW-Authenticate";

/**
 * CORS for the JSON API, granted only to the origins in CORS_ALLOWED_ORIGINS (none by default),
 * so a browser client on another origin (such as the customer's own front end) can call /api with
 * a Bearer token. Never `Access-Control-Allow-Credentials`: cookies do not travel cross-origin, and
 * the API refuses cookie sessions from other origins anyway (requireApiSession). Preflights from
 * any other origin get no CORS headers, so the browser stops there.
 */
export function apiCors(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    if (allowed.size === 0 || !req.path.startsWith("/api/") || req.path === "/api/livekit/webhook") return next();
    res.vary("Origin");
    const origin = req.get("origin");
    if (!origin || !allowed.has(origin.toLowerCase())) return next();
    res.set("Access-Control-Allow-Origin", origin);
    if (req.method === "OPTIONS" && req.get("access-control-request-method")) {
      res
        .set({
          "Access-Control-Allow-Methods": ALLOWED_METHODS,
          "Access-Control-Allow-Headers": ALLOWED_HEADERS,
          "Access-Control-Max-Age": "600",
        })
        .status(204)
        .end();
      return;
    }
    res.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    next();
  };
}
