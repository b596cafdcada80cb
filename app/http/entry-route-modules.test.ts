import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// As the production server loads it (CommonJS), with patches/@remix-run+server-runtime+2.17.5.patch applied.
const require = createRequire(import.meta.url);
const { createRequestHandler } = require("@remix-run/server-runtime") as typeof import("@remix-run/server-runtime");

/** A one-route build whose entry records the route modules each document render is handed. */
function buildRecordingRouteModules(seen: unknown[]) {
  const rootModule = { default: () => null, loader: () => null };
  return {
    mode: "production",
    entry: {
      module: {
        default: (_request: Request, status: number, headers: Headers, context: { routeModules: unknown }) => {
          seen.push(context.routeModules);
          return new Response("<html></html>", { status, headers });
        },
      },
    },
    routes: { root: { id: "root", path: "", module: rootModule } },
    assets: {
      url: "/build/manifest.js",
      version: "test",
      entry: { module: "/build/entry.js", imports: [] },
      routes: { root: { id: "root", path: "", hasLoader: true, module: "/build/root.js" } },
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {},
    isSpaMode: false,
  };
}

describe("the route modules of a build per document render (patched @remix-run/server-runtime)", () => {
  it("hands every render the same object, so @remix-run/react's cached server route tree is used", async () => {
    const seen: unknown[] = [];
    const handle = createRequestHandler(buildRecordingRouteModules(seen) as never, "production");
    for (const path of ["/", "/?again"]) expect((await handle(new Request(`http://localhost${path}`))).status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
  });
});
