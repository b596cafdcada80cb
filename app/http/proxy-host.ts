import type { RequestHandler } from "express";
import type { Logger } from "../../server/logger";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const PROXY_HOST_ADVICE =
  "Parley is behind a proxy that does not pass on the address the browser used (the Host header lost its port, or names another host), " +
  "so form posts are refused. Configure the proxy to pass the original host: with nginx, `proxy_set_header Host $http_host;` " +
  "(not `$host`, which drops the port), or send `X-Forwarded-Host` with the browser's host and port and set TRUST_PROXY.";

/** The host Remix compares a post's Origin with: the first X-Forwarded-Host, else Host (as its action check reads them). */
function hostRemixCompares(forwardedHost: string | undefined, host: string | undefined): string | undefined {
  return forwardedHost?.split(",")[0]?.trim() || host;
}

/**
 * Remix refuses an action whose Origin does not name the Host (or X-Forwarded-Host) the request
 * arrived with, by throwing: a 500 with no hint. Behind a misconfigured proxy every form post
 * does that. This answers such a post first, with a 403 that says what to configure, and warns
 * the operator once.
 */
export function requireHostMatchingOrigin(logger: Logger): RequestHandler {
  let warned = false;
  return (req, res, next) => {
    const origin = req.get("origin");
    // Remix compares only on page actions; the API's resource routes (and LiveKit's webhook) it leaves alone.
    if (SAFE_METHODS.has(req.method) || req.path.startsWith("/api/") || !origin || origin === "null") return next();
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = "";
    }
    const host = hostRemixCompares(req.get("x-forwarded-host"), req.get("host"));
    if (originHost && originHost === host) return next();
    if (!warned) {
      warned = true;
      logger.warn(
        { origin, host: req.get("host"), forwardedHost: req.get("x-forwarded-host") },
        `Host does not match Origin: ${PROXY_HOST_ADVICE}`,
      );
    }
    res.status(403).type("text/plain").send(PROXY_HOST_ADVICE);
  };
}
