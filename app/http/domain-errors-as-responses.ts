import type { ServerBuild } from "@remix-run/node";
import { isDomainError } from "../../server/errors";
import { domainErrorResponse } from "../api/http.server";
import { handleServiceError } from "../utils/service-errors.server";

type Handler = NonNullable<ServerBuild["routes"][string]["module"]["loader"]>;

/** The JSON API's resource routes (`app/routes/api.*`), which answer errors in the API's shape. */
const isApiRoute = (routeId: string) => routeId.startsWith("routes/api.");

/**
 * A page's handler throws the domain error's Response (its error boundary renders it); an API
 * handler returns the API's JSON error, as `api()` in app/api/http.server.ts does.
 */
function wrap<H extends Handler | undefined>(handler: H, surface: "page" | "api"): H {
  if (!handler) return handler;
  const wrapped: Handler = async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (surface === "api" && isDomainError(error)) return domainErrorResponse(error);
      throw handleServiceError(error);
    }
  };
  return wrapped as H;
}

// Under `remix dev` the build is asked for on every request: each build is wrapped once.
const wrappedBuilds = new WeakMap<ServerBuild, ServerBuild>();

/**
 * The build with every loader and action answering a domain error from a service as the one table
 * says (app/utils/domain-errors.server.ts): 404 for a room one may not see, 503 with Retry-After
 * when the database is down, and so on. Routes need no `try` just to map errors; those that catch
 * one themselves, to answer on a form (`replyWithServiceError`), are unaffected. Anything else
 * (a bug) escapes unchanged: the generic 500.
 */
export function withDomainErrorsAsResponses(build: ServerBuild): ServerBuild {
  let result = wrappedBuilds.get(build);
  if (!result) {
    const routes: ServerBuild["routes"] = {};
    for (const [id, route] of Object.entries(build.routes)) {
      const surface = isApiRoute(id) ? "api" : "page";
      routes[id] = {
        ...route,
        module: { ...route.module, loader: wrap(route.module.loader, surface), action: wrap(route.module.action, surface) },
      };
    }
    result = { ...build, routes };
    wrappedBuilds.set(build, result);
  }
  return result;
}
