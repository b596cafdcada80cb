import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// As the production server loads them (CommonJS), with patches/@remix-run+react+2.17.5.patch and
// patches/react-router-dom+6.30.4.patch applied.
const require = createRequire(import.meta.url);
const remix = require("@remix-run/react") as {
  UNSAFE_serverRoutesOf: (manifest: unknown, routeModules: unknown, future: unknown, isSpaMode: boolean) => unknown[];
};
const { createStaticRouter } = require("react-router-dom/server") as {
  createStaticRouter: (routes: unknown[], context: unknown) => { routes: unknown[] };
};

const manifest = {
  routes: {
    root: { id: "root", path: "", hasLoader: true },
    "routes/room": { id: "routes/room", parentId: "root", path: "room/:roomId", hasLoader: true },
  },
};
const modules = () => ({ root: { default: () => null }, "routes/room": { default: () => null } });
const context = { matches: [], basename: "/", location: { pathname: "/" }, loaderData: {}, actionData: null, errors: null };

describe("the server route tree per render (patched @remix-run/react and react-router-dom)", () => {
  it("builds a build's route tree once: later renders read the cached one", () => {
    const routeModules = modules();
    const first = remix.UNSAFE_serverRoutesOf(manifest, routeModules, {}, false);
    expect(first.map((route) => (route as { id: string }).id)).toEqual(["root"]);
    expect(remix.UNSAFE_serverRoutesOf(manifest, routeModules, {}, false)).toBe(first);
    // Another build (new route modules, as after a rebuild in development) gets a tree of its own.
    expect(remix.UNSAFE_serverRoutesOf(manifest, modules(), {}, false)).not.toBe(first);
  });

  it("converts a route table to data routes once, so route matching's cache holds across renders", () => {
    const routes = remix.UNSAFE_serverRoutesOf(manifest, modules(), {}, false);
    const first = createStaticRouter(routes, context).routes;
    expect(createStaticRouter(routes, context).routes).toBe(first);
    expect(createStaticRouter([...routes], context).routes).not.toBe(first);
  });
});
