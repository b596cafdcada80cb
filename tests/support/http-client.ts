import http from "node:http";
import { honeypotFieldsIn } from "./honeypot";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Set-Cookie values, name=value only. */
  cookies: Record<string, string>;
  setCookie: string[];
}

/** A plain HTTP request with full control of headers (Host, Origin, none at all) and body bytes. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // `localAddress` (e.g. 127.0.0.2) makes the request come from another client, as a server sees it.
    const request = http.request(
      url,
      { method: options.method ?? "GET", headers: options.headers, localAddress: options.localAddress },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => {
          const setCookie = response.headers["set-cookie"] ?? [];
          const cookies: Record<string, string> = {};
          for (const line of setCookie) {
            const [pair] = line.split(";");
            const index = pair!.indexOf("=");
            cookies[pair!.slice(0, index)] = pair!.slice(index + 1);
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            cookies,
            setCookie,
          });
        });
      },
    );
    request.on("error", reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A same-origin form POST, as a browser would send it. */
export function postForm(baseUrl: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return rawRequest(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, ...headers },
    body: form(fields),
  });
}

/** The honeypot fields a real page render would have put in the form. */
export async function honeypotFields(baseUrl: string, path: string): Promise<Record<string, string>> {
  return honeypotFieldsIn((await rawRequest(`${baseUrl}${path}`)).body);
}
