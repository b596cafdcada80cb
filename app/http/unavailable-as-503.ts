import type { ServerBuild } from "@remix-run/node";
import { isDomainError } from "../../server/errors";
import { httpAnswerFor } from "../utils/domain-errors.server";

type Handler = NonNullable<ServerBuild["routes"][string]["module"]["loader"]>;

/** What a loader or action lets escape: an "unavailable" domain error becomes the 503 to throw. */
function asServiceUnavailable(error: unknown): unknown {
  if (!isDomainError(error, "unavailable")) return error;
  const { status, headers } = httpAnswerFor(error, "page");
  return new Response(error.message, { status, headers });
}

function wrap<H extends Handler | undefined>(handler: H): H {
  if (!handler) return handler;
  const wrapped: Handler = async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      throw asServiceUnavailable(error);
    }
  };
  return wrapped as H;
}

// Under `remix dev` the build is asked for on every request: each build is wrapped once.
const wrappedBuilds = new WeakMap<ServerBuild, ServerBuild>();

/**
 * The build with every loader and action answering 503 (Retry-After, and the error boundary's
 * "briefly unavailable" page) when something Parley depends on is down, typically the database.
 * Without this, such an error escaping a loader (the session lookup every page starts with, say)
 * would be an unexpected 500. Routes that catch it themselves, to answer on a form, are unaffected.
 */
export function withUnavailableAs503(build: ServerBuild): ServerBuild {
  let result = wrappedBuilds.get(build);
  if (!result) {
    const routes: ServerBuild["routes"] = {};
    for (const [id, route] of Object.entries(build.routes)) {
      routes[id] = { ...route, module: { ...route.module, loader: wrap(route.module.loader), action: wrap(route.module.action) } };
    }
    result = { ...build, routes };
    wrappedBuilds.set(build, result);
  }
  return result;
}
