// Compiles the HTTP server and the migration CLI (everything under server/ that runs outside
// the Remix build) to CommonJS. npm packages stay external, as the Remix server build keeps them.
import { build } from "esbuild";

await build({
  entryPoints: { main: "app/http/main.ts", migrate: "server/db/migrate-cli.ts" },
  outdir: "build/server",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
