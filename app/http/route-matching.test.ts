import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import { describe, expect, it, vi } from "vitest";

// The router as the production server loads it (CommonJS), with patches/@remix-run+router+1.23.3.patch applied.
const router = createRequire(import.meta.url)("@remix-run/router") as typeof Router;

describe("route matching on the server (patched @remix-run/router)", () => {
  it("flattens and ranks a route table once: later matches read the cached branches", () => {
    const routes: Router.AgnosticRouteObject[] = [
      { id: "home", path: "/home" },
      { id: "room", path: "/room/:roomId", children: [{ id: "settings", path: "settings" }] },
    ];
    expect(router.matchRoutes(routes, "/room/1/settings")?.map((m) => m.route.id)).toEqual(["room", "settings"]);
    // A change in place (which the server never makes) is not seen: the first match's branches are reused.
    routes[0]!.path = "/elsewhere";
    expect(router.matchRoutes(routes, "/home")?.[0]?.route.id).toBe("home");
    // Another table is flattened afresh.
    expect(router.matchRoutes([...routes], "/home")).toBeNull();
    expect(router.matchRoutes([...routes], "/elsewhere")?.[0]?.route.id).toBe("home");
  });

  it("matches a path once per route table: later matches copy the cached result", () => {
    const routes: Router.AgnosticRouteObject[] = [
      { id: "home", path: "/home" },
      { id: "room", path: "/room/:roomId", children: [{ id: "settings", path: "settings" }] },
    ];
    const first = router.matchRoutes(routes, "/room/1/settings")!;
    // Matching a path tries each branch's patterns (String.prototype.match); a cached result tries none.
    const tries = vi.spyOn(String.prototype, "match");
    let second: Router.AgnosticRouteMatch[];
    try {
      second = router.matchRoutes(routes, "/room/1/settings")!;
      expect(tries).not.toHaveBeenCalled();
    } finally {
      tries.mockRestore();
    }
    expect(second.map((m) => [m.route.id, m.pathname, m.pathnameBase, m.params])).toEqual(
      first.map((m) => [m.route.id, m.pathname, m.pathnameBase, m.params]),
    );
    // Fresh objects each time, as unpatched: a caller changing its matches changes no one else's.
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]!.params).not.toBe(first[0]!.params);
    expect(second[1]!.params).toBe(second[0]!.params);
    expect(router.matchRoutes(routes, "/room/2")?.map((m) => m.params)).toEqual([{ roomId: "2" }]);
    expect(router.matchRoutes(routes, "/nowhere")).toBeNull();
    expect(router.matchRoutes(routes, "/nowhere")).toBeNull();
  });

  it("still matches params, optional segments and splats as before", () => {
    expect(router.matchPath("/room/:roomId", "/room/abc")?.params).toEqual({ roomId: "abc" });
    expect(router.matchPath("/room/:roomId", "/ROOM/abc")?.params).toEqual({ roomId: "abc" });
    expect(router.matchPath({ path: "/room/:roomId", caseSensitive: true }, "/ROOM/abc")).toBeNull();
    expect(router.matchPath({ path: "/room", end: false }, "/room/abc")?.pathnameBase).toBe("/room");
    expect(router.matchPath("/files/*", "/files/a/b")?.params).toEqual({ "*": "a/b" });
    expect(router.matchPath("/a/:b?", "/a")?.params).toEqual({ b: undefined });
  });
});
