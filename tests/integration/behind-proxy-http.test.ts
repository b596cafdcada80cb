import { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "../../server/logger";
import { form, rawRequest } from "../support/http-client";
import { startTestServer } from "../support/test-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
const logged: string[] = [];
const APP_URL = "http://localhost:3000";

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  server = await startTestServer({ env: { APP_URL }, logger: createLogger("info", sink) });
});
afterAll(async () => {
  await server?.close();
});

/** A form post as nginx with `proxy_set_header Host $host;` passes it on: the port is gone from Host. */
const postThroughProxy = (headers: Record<string, string>) =>
  rawRequest(`${server.url}/auth/signin`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: APP_URL, ...headers },
    body: form({ email: "someone@example.test", password: "a long enough passphrase" }),
  });

it("a Host that lost its port behind a proxy gets a readable 403 naming what to configure (not a 500), logged once as a warning", async () => {
  const proxied: Array<Record<string, string>> = [
    { Host: "localhost" },
    { Host: "localhost" },
    { Host: "localhost:3000", "X-Forwarded-Host": "localhost" },
  ];
  for (const headers of proxied) {
    const response = await postThroughProxy(headers);
    expect(response.status).toBe(403);
    expect(response.body).toContain("proxy_set_header Host $http_host;");
    expect(response.body).toContain("X-Forwarded-Host");
    expect(response.body).toContain("TRUST_PROXY");
  }
  const warnings = logged.filter((line) => line.includes('"level":40') && line.includes("Host"));
  expect(warnings).toHaveLength(1);
});

it("a Host that matches the browser's Origin goes through as before", async () => {
  const response = await postThroughProxy({ Host: "localhost:3000" });
  expect(response.status).not.toBe(403);
  expect(response.status).toBeLessThan(500);
});
