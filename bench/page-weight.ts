import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/**
 * What each page type downloads, from the production build's manifest: the entry, the root and
 * the route modules with every chunk they import, followed to the end (lazy chunks included, as
 * the page fetches them after hydration), plus the route's stylesheets. Sizes are gzip level 9.
 * Chunks a page fetches only when the person asks for what they do (the background effects, whose
 * processors and MediaPipe load with the first effect chosen; the room's mention suggestions, which
 * load when the composer's message box first gets the focus, ready for its first "@") are counted
 * apart, as "on demand".
 */
export const PAGE_ROUTES = {
  landing: "routes/_index",
  auth: "routes/auth.signin",
  home: "routes/home",
  room: "routes/room.$roomId",
  prep: "routes/room.$roomId_.prep",
  meeting: "routes/room.$roomId_.meeting",
} as const;

interface ManifestRoute {
  module: string;
  imports?: string[];
  css?: string[];
}

const LIVEKIT_MARKERS = /livekit|mediapipe|LivekitError/i;

/**
 * The browser build's stand-in for a `.server` module: a chunk holding nothing but an empty CommonJS
 * module. Remix keeps one per such import unless it knows the stand-in has no side effects (our
 * patch to @remix-run/dev), a request and ~110 bytes each.
 */
const isEmptyModuleStub = (chunk: Buffer) => chunk.length < 200 && /\bexports=\{\}/.test(chunk.toString("utf8"));

/** Lazy chunks loaded on a person's request, not after hydration (esbuild names an entry chunk after its module). */
const ON_DEMAND = /\/(?:background-effect\.client|mention-suggestion-list)-[^/]+\.js$/;

export function measurePageWeight(publicDir = path.resolve("public")) {
  const buildDir = path.join(publicDir, "build");
  const manifestFile = fs.readdirSync(buildDir).find((f) => f.startsWith("manifest-") && f.endsWith(".js"));
  if (!manifestFile) throw new Error("No build found: run `npm run build` first");
  const manifest = JSON.parse(
    fs
      .readFileSync(path.join(buildDir, manifestFile), "utf8")
      .replace(/^window\.__remixManifest=/, "")
      .replace(/;\s*$/, ""),
  ) as {
    entry: { module: string; imports: string[] };
    routes: Record<string, ManifestRoute>;
  };
  const read = (url: string) => fs.readFileSync(path.join(publicDir, url));
  const gzip = (bytes: Buffer) => zlib.gzipSync(bytes, { level: 9 }).length;

  /** Every script reachable from these, static and dynamic imports alike; on-demand chunks are left to `onDemand`. */
  const scriptsFrom = (entries: string[], onDemand = new Set<string>()) => {
    const seen = new Set<string>();
    const stack = [...entries];
    while (stack.length) {
      const url = stack.pop()!;
      if (seen.has(url)) continue;
      if (ON_DEMAND.test(url) && !entries.includes(url)) {
        onDemand.add(url);
        continue;
      }
      seen.add(url);
      for (const match of read(url)
        .toString("utf8")
        .matchAll(/"(\/build\/[^"]+\.js)"/g))
        stack.push(match[1]!);
    }
    return seen;
  };

  const root = manifest.routes.root!;
  // The page's own stylesheets (root's Tailwind and the route's `links`) are found in its route modules' CSS lists or URLs.
  const cssOf = (route: ManifestRoute) => [
    ...(route.css ?? []),
    ...[
      ...read(route.module)
        .toString("utf8")
        .matchAll(/"(\/build\/[^"]+\.css)"/g),
    ].map((m) => m[1]!),
  ];

  return Object.entries(PAGE_ROUTES).map(([page, id]) => {
    const route = manifest.routes[id];
    if (!route) throw new Error(`No route ${id} in the build`);
    const onDemandRoots = new Set<string>();
    const scripts = scriptsFrom(
      [manifest.entry.module, ...manifest.entry.imports, root.module, ...(root.imports ?? []), route.module, ...(route.imports ?? [])],
      onDemandRoots,
    );
    const onDemand = [...scriptsFrom([...onDemandRoots])].filter((url) => !scripts.has(url)).map(read);
    const styles = new Set([...cssOf(root), ...cssOf(route)]);
    const js = [...scripts].map(read);
    const css = [...styles].map(read);
    return {
      page,
      "JS KB gzip": Number((js.reduce((sum, b) => sum + gzip(b), 0) / 1024).toFixed(1)),
      "JS KB raw": Math.round(js.reduce((sum, b) => sum + b.length, 0) / 1024),
      "on-demand JS KB gzip": Number((onDemand.reduce((sum, b) => sum + gzip(b), 0) / 1024).toFixed(1)),
      "CSS KB gzip": Number((css.reduce((sum, b) => sum + gzip(b), 0) / 1024).toFixed(1)),
      files: scripts.size + styles.size,
      "server-module stubs": js.filter(isEmptyModuleStub).length,
      "LiveKit code": js.some((b) => LIVEKIT_MARKERS.test(b.toString("utf8"))),
    };
  });
}
