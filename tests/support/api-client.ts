import Ajv2020 from "ajv/dist/2020";
import { expect } from "vitest";
import { rawRequest, type RawResponse } from "./http-client";

/** A JSON API client for the tests, as `curl` would call it: no cookies, no Origin. */
export function apiClient(baseUrl: string) {
  const call = (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {},
  ) => {
    const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    return rawRequest(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(payload !== undefined ? { "Content-Type": options.contentType ?? "application/json" } : {}),
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: payload,
    });
  };
  return {
    call,
    get: (path: string, token?: string) => call("GET", path, { token }),
    post: (path: string, body: unknown, token?: string) => call("POST", path, { body, token }),
    patch: (path: string, body: unknown, token?: string) => call("PATCH", path, { body, token }),
    delete: (path: string, token?: string) => call("DELETE", path, { token }),
  };
}

export const bodyOf = (response: RawResponse) => JSON.parse(response.body);

/**
 * Checks a response against the OpenAPI document the server publishes: the operation exists,
 * the status is documented, and a JSON body matches its schema.
 */
type OpenApiOperation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
export type OpenApiDocument = { paths?: Record<string, Record<string, OpenApiOperation>> };

/** The document's path template a concrete path matches (`/api/rooms/1a…` → `/api/rooms/{roomId}`). */
export function templateOf(document: OpenApiDocument, path: string): string {
  const template = Object.keys(document.paths ?? {}).find((t) => new RegExp(`^${t.replace(/\{\w+\}/g, "[^/]+")}$`).test(path));
  expect(template, `${path} is in the document`).toBeDefined();
  return template!;
}

export function openApiChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("date-time", { type: "string", validate: (s: string) => !Number.isNaN(Date.parse(s)) && /T/.test(s) });
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  ajv.addSchema(document, "openapi");
  const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

  return (method: string, template: string, response: Pick<RawResponse, "status" | "body">) => {
    const operation = document.paths?.[template]?.[method.toLowerCase()];
    expect(operation, `${method} ${template} is in the document`).toBeDefined();
    const documented = operation?.responses?.[String(response.status)];
    expect(documented, `${method} ${template} documents status ${response.status} (${response.body.slice(0, 200)})`).toBeDefined();
    const schemaAt = documented?.content?.["application/json"]?.schema;
    if (!schemaAt) {
      expect(response.body, `${method} ${template} ${response.status} has no body`).toBe("");
      return;
    }
    const validate = ajv.getSchema(
      `openapi#/${pointer("paths", template, method.toLowerCase(), "responses", String(response.status), "content", "application/json", "schema")}`,
    )!;
    const valid = validate(JSON.parse(response.body));
    expect(valid, `${method} ${template} ${response.status}: ${ajv.errorsText(validate.errors)}\n${response.body.slice(0, 300)}`).toBe(
      true,
    );
  };
}

/**
 * The API called by the document's path templates (`/api/rooms/{roomId}` with `{ roomId }`), each
 * answer checked against the OpenAPI document the server publishes.
 */
export async function documentedApi(baseUrl: string) {
  const client = apiClient(baseUrl);
  const conforms = openApiChecker(bodyOf(await client.get("/api/openapi.json")));
  const call = async (
    method: string,
    template: string,
    params: Record<string, string> = {},
    options: { token?: string; body?: unknown } = {},
  ): Promise<RawResponse> => {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
    const response = await client.call(method, path, options);
    conforms(method, template, response);
    return response;
  };
  return { client, conforms, call };
}
