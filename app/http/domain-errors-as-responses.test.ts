import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_CASES as CASES } from "../../tests/support/domain-error-cases";
import { withDomainErrorsAsResponses } from "./domain-errors-as-responses";

type Module = ServerBuild["routes"][string]["module"];
type Handler = NonNullable<Module["loader"]>;

/** A one-route build whose loader and action both throw `error`, wrapped. */
function wrappedModule(routeId: string, error: unknown): Module {
  const fail: Handler = async () => {
    throw error;
  };
  const build = { routes: { [routeId]: { id: routeId, path: "x", module: { loader: fail, action: fail } } } } as unknown as ServerBuild;
  return withDomainErrorsAsResponses(build).routes[routeId]!.module;
}

const args = { request: new Request("http://parley.test/x"), params: {}, context: {} } as Parameters<Handler>[0];

async function thrownBy(handler: Handler | undefined): Promise<unknown> {
  try {
    await handler!(args);
  } catch (error) {
    return error;
  }
  throw new Error("the handler did not throw");
}

describe("withDomainErrorsAsResponses: a domain error escaping a loader or action", () => {
  for (const [error, pageStatus, apiStatus, code, retryAfter] of CASES) {
    it(`${error.kind} on a page: throws a ${pageStatus} Response for the error boundary`, async () => {
      const module = wrappedModule("routes/room.$roomId", error);
      for (const handler of [module.loader, module.action]) {
        const thrown = await thrownBy(handler);
        expect(thrown).toBeInstanceOf(Response);
        const response = thrown as Response;
        expect(response.status).toBe(pageStatus);
        expect(response.headers.get("Retry-After")).toBe(retryAfter);
        expect(await response.text()).toBe(error.message);
      }
    });

    it(`${error.kind} on the API: answers ${apiStatus} with the API's error shape`, async () => {
      const module = wrappedModule("routes/api.rooms._index", error);
      for (const handler of [module.loader, module.action]) {
        const response = (await handler!(args)) as Response;
        expect(response).toBeInstanceOf(Response);
        expect(response.status).toBe(apiStatus);
        expect(response.headers.get("Retry-After")).toBe(retryAfter);
        const body = (await response.json()) as { code: string; message: string; fields?: unknown };
        expect(body).toMatchObject({ code, message: error.message });
        if (error.kind === "validation") expect(body.fields).toEqual({ name: ["Too long"] });
      }
    });
  }

  it("leaves other errors and thrown Responses as they are", async () => {
    const bug = new TypeError("a bug");
    expect(await thrownBy(wrappedModule("routes/home", bug).loader)).toBe(bug);
    expect(await thrownBy(wrappedModule("routes/api.rooms._index", bug).loader)).toBe(bug);
    const redirect = new Response(null, { status: 302, headers: { Location: "/auth/signin" } });
    expect(await thrownBy(wrappedModule("routes/home", redirect).action)).toBe(redirect);
  });

  it("leaves routes without a loader or action without one", () => {
    const build = { routes: { "routes/about": { id: "routes/about", module: {} } } } as unknown as ServerBuild;
    const { module } = withDomainErrorsAsResponses(build).routes["routes/about"]!;
    expect(module.loader).toBeUndefined();
    expect(module.action).toBeUndefined();
  });
});
