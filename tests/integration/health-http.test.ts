import { afterAll, beforeAll, expect, it } from "vitest";
import { rawRequest } from "../support/http-client";
import { startTestServer } from "../support/test-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close().catch(() => undefined);
});

it("/healthz answers 200 while the database answers, and 503 (not a hang, not a crash) once it does not", async () => {
  const up = await rawRequest(`${server.url}/healthz`);
  expect(up.status).toBe(200);
  expect(up.headers["cache-control"]).toBe("no-store");
  expect(JSON.parse(up.body)).toMatchObject({ status: "ok", database: { up: true } });

  await server.runtime.sequelize.close();
  const started = Date.now();
  const down = await rawRequest(`${server.url}/healthz`);
  expect(down.status).toBe(503);
  expect(JSON.parse(down.body)).toMatchObject({ status: "unavailable", database: { up: false } });
  expect(Date.now() - started).toBeLessThan(3000);
});
