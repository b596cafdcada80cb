import type { Honeypot } from "remix-utils/honeypot/server";
import type { Services } from "../../server/container";
import type { Logger } from "../../server/logger";
import type { DocumentOnlyData } from "../utils/document-only";

/**
 * What every Remix loader and action receives as `context`: the services (the only way down into
 * the app), and per-request facts that only the HTTP server knows.
 */
export interface ParleyLoadContext {
  [key: string]: unknown;
  services: Services;
  cspNonce: string;
  /** The client's address, as trusted per TRUST_PROXY (a forged X-Forwarded-For counts for nothing by default). */
  clientIp: string;
  appUrl: string;
  /** Production: `__Host-` session cookie, Secure. */
  secureCookies: boolean;
  /** Signs small non-session cookies (the flash notice). */
  cookieSecrets: string[];
  honeypot: Honeypot;
  /** The app's logger, bound to this request's id (the X-Request-Id header and the request log line). */
  logger: Logger;
  /** A whole page (not Remix's data request): what its markup carries and its hydration data leaves out. */
  documentOnly: DocumentOnlyData | null;
}
