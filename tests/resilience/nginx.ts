import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The configuration operators are given; the scenario runs nginx with it, so it is the tested one. */
export const NGINX_EXAMPLE = path.resolve("docs/nginx.conf.example");

/** Debian installs nginx in /usr/sbin, which is not on every user's PATH. */
function nginxBinary(): string {
  if (process.env.NGINX_BIN) return process.env.NGINX_BIN;
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin"];
  const found = dirs.map((dir) => path.join(dir, "nginx")).find((file) => fs.existsSync(file));
  if (!found) throw new Error("nginx is not installed: run `bash scripts/install-system-deps.sh` (or set NGINX_BIN)");
  return found;
}

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`${path.basename(NGINX_EXAMPLE)} no longer has a line matching ${pattern}`);
  return text.replace(pattern, replacement);
}

/** The example with its `listen` line and its upstream's `server` lines replaced by these addresses. */
export function renderNginxExample(example: string, options: { listen: string; upstreams: string[] }): string {
  const servers = options.upstreams.map((address) => `    server ${address};`).join("\n");
  const withServers = replaceOnce(example, /^ {4}server \S+;\n(?: {4}server \S+;\n)*/m, `${servers}\n`);
  return replaceOnce(withServers, /^ {4}listen 80;$/m, `    listen ${options.listen};`);
}

/**
 * The main context nginx needs around the example (which belongs in `http`): every file inside
 * `dir`, and two test-only additions the example does not set: an `X-Served-By` header naming the
 * backend that answered, and an access log of those names to count requests per backend.
 */
function mainConfig(dir: string, backends: Array<{ name: string; address: string }>): string {
  const names = backends.map((b) => `        "${b.address}" ${b.name};`).join("\n");
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events {
    worker_connections 256;
}
http {
    client_body_temp_path ${dir}/client_body_temp;
    proxy_temp_path ${dir}/proxy_temp;
    fastcgi_temp_path ${dir}/fastcgi_temp;
    uwsgi_temp_path ${dir}/uwsgi_temp;
    scgi_temp_path ${dir}/scgi_temp;
    map $upstream_addr $served_by {
${names}
        default "?";
    }
    add_header X-Served-By $served_by always;
    log_format served '$served_by $status $request_method $uri';
    access_log ${dir}/access.log served;
    include ${dir}/parley.conf;
}
`;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Debian's nginx in the foreground, as a child of this process, listening on 127.0.0.1:`port`
 * with the shipped example in front of `backends` (round robin). `stop()` ends it by its pid and
 * returns how many requests each backend answered (from the access log).
 */
export async function startNginx(options: { port: number; backends: Array<{ name: string; url: string }> }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-nginx-"));
  // nginx's workers drop root privileges and must still reach their temp directories in here.
  fs.chmodSync(dir, 0o755);
  const backends = options.backends.map((b) => ({ name: b.name, address: new URL(b.url).host }));
  const site = renderNginxExample(fs.readFileSync(NGINX_EXAMPLE, "utf8"), {
    listen: `127.0.0.1:${options.port}`,
    upstreams: backends.map((b) => b.address),
  });
  fs.writeFileSync(path.join(dir, "parley.conf"), site);
  fs.writeFileSync(path.join(dir, "nginx.conf"), mainConfig(dir, backends));

  const errorLog = path.join(dir, "error.log");
  const child: ChildProcess = spawn(nginxBinary(), ["-p", dir, "-e", errorLog, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const cleanUp = () => fs.rmSync(dir, { recursive: true, force: true });

  const deadline = Date.now() + 10_000;
  while (!(await accepts(options.port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      const log = fs.existsSync(errorLog) ? fs.readFileSync(errorLog, "utf8") : "";
      child.kill("SIGKILL");
      cleanUp();
      throw new Error(`nginx did not start: ${stderr}${log}`.trim());
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  let served: Record<string, number> | undefined;
  return {
    url: `http://127.0.0.1:${options.port}`,
    /** A graceful stop (SIGQUIT: open requests finish and are logged), SIGKILL after 5 s. Idempotent. */
    async stop(): Promise<Record<string, number>> {
      if (served) return served;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGQUIT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      const lines = fs.readFileSync(path.join(dir, "access.log"), "utf8").split("\n").filter(Boolean);
      served = Object.fromEntries(
        [...backends.map((b) => b.name), "?"].map((name) => [name, lines.filter((l) => l.startsWith(`${name} `)).length]),
      );
      cleanUp();
      return served;
    },
  };
}
