import { execFileSync, spawn } from "node:child_process";
import path from "node:path";

const FLOOR_DIR = path.resolve("bench/floor");

/**
 * The floor every page is compared with: a bare Remix route of the same Remix version (bench/floor:
 * a loader with no I/O, static markup), built here and served by `remix-serve` in a process of its
 * own, in production mode, exactly as the framework ships it.
 */
export async function startFloorServer(port: number) {
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: FLOOR_DIR,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: "ignore",
  });
  const child = spawn(process.execPath, [path.resolve("node_modules/@remix-run/serve/dist/cli.js"), "build/index.js"], {
    cwd: FLOOR_DIR,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    // remix-serve logs every request (morgan), as it does for anyone who serves with it.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the floor (remix-serve) did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
