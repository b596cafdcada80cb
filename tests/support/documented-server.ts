import { afterAll, beforeAll } from "vitest";
import { documentedApi } from "./api-client";
import { startTestServer } from "./test-server";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
type DocumentedApi = Awaited<ReturnType<typeof documentedApi>>;

/**
 * One test server for the whole file (started before its tests, closed after them) and the API
 * client that checks every answer against the OpenAPI document it publishes. Read `server` and
 * `api` inside tests and hooks: they are set once the file's `beforeAll` has run.
 */
export function documentedServerForFile(options?: Parameters<typeof startTestServer>[0]) {
  const file = {} as { server: TestServer; api: DocumentedApi };
  beforeAll(async () => {
    file.server = await startTestServer(options);
    file.api = await documentedApi(file.server.url);
  });
  afterAll(async () => {
    await file.server?.close();
  });
  return file;
}
