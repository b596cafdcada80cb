import { spawn } from "node:child_process";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { benchServerEnv, signUpForCookie, startBenchDatabase, startServerProcess } from "./bench-server";
import { startFloorServer } from "./floor-server";

/**
 * Throughput, latency, scale of data and queries per request of Parley's pages, measured against
 * the production build in its own process. Every figure is the median of several rounds, reported
 * with its spread, and compared with the floor measured in the same rounds: a bare Remix route of
 * the same Remix version served by `remix-serve` (bench/floor), so a busy machine moves both.
 */
export interface PageLoadOptions {
  /** Seconds per autocannon run. */
  seconds: number;
  connections: number;
  rounds: number;
  /** Posts in the large room of the scale test (1,000,000 in the full run). */
  largePosts: number;
  otherRooms: number;
}

/** Rooms the benchmark's member belongs to, for /home. */
const HOME_ROOMS = 200;

export const FULL_RUN: PageLoadOptions = { seconds: 20, connections: 50, rounds: 3, largePosts: 1_000_000, otherRooms: 1_000 };
export const SMOKE_RUN: PageLoadOptions = { seconds: 1, connections: 4, rounds: 1, largePosts: 3_000, otherRooms: 20 };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round1 = (value: number) => Number(value.toFixed(1));
const spread = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;

async function load(url: string, cookie: string | undefined, options: PageLoadOptions) {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: cookie ? { cookie } : {},
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

type Db = Awaited<ReturnType<typeof startBenchDatabase>>;

async function userId(db: Db, email: string): Promise<string> {
  return (await db.sql("select id from users where email = $1", [email])).rows[0].id;
}

/** A room with `posts` posts and `members` members (the owner included), seeded in bulk with generate_series. */
async function seedRoom(db: Db, ownerId: string, ownerEmail: string, name: string, posts: number, members: number): Promise<string> {
  const { rows } = await db.sql(
    "insert into rooms (room_name, description, owner_id, livekit_room_name) values ($1, 'Seeded for the benchmark', $2, 'bench') returning id",
    [name, ownerId],
  );
  const roomId = rows[0].id as string;
  await db.sql("update rooms set livekit_room_name = 'parley-' || id where id = $1", [roomId]);
  await db.sql("insert into room_participants (room_id, user_id, email, name, role) values ($1, $2, $3, 'Bench Owner', 'owner')", [
    roomId,
    ownerId,
    ownerEmail,
  ]);
  await db.sql(
    `insert into room_participants (room_id, email, name) select $1, 'member' || g || '@example.test', 'Member ' || g from generate_series(1, $2::int) g`,
    [roomId, members - 1],
  );
  await db.sql(
    `insert into posts (room_id, creator_id, message, created_at)
     select $1, $2, 'Benchmark post number ' || g || E'\\nwith a second line and a link https://example.com/' || g,
            now() - (g || ' seconds')::interval
       from generate_series(1, $3::int) g`,
    [roomId, ownerId, posts],
  );
  return roomId;
}

/** Rooms the user belongs to, in bulk (for /home with many rooms, and "other rooms" in the database). */
async function seedRooms(db: Db, ownerId: string, ownerEmail: string, count: number, posts: number) {
  await db.sql(
    `with made as (
       insert into rooms (room_name, description, owner_id, livekit_room_name)
       select 'Room ' || g, 'Seeded room ' || g, $1::uuid, 'bench-' || $1::text || '-' || g from generate_series(1, $2::int) g returning id)
     insert into room_participants (room_id, user_id, email, name, role) select id, $1, $3, 'Bench Owner', 'owner' from made`,
    [ownerId, count, ownerEmail],
  );
  if (posts) {
    await db.sql(
      `insert into posts (room_id, creator_id, message) select r.id, $1, 'Hello ' || g from rooms r cross join generate_series(1, $2::int) g where r.owner_id = $1 and r.room_name like 'Room %'`,
      [ownerId, posts],
    );
  }
}

/** SQL statements per page, counted from a server process that logs each one (LOG_LEVEL=trace). */
async function countQueries(databaseUrl: string, port: number, pages: Array<{ name: string; path: string; cookie?: string }>) {
  const url = `http://127.0.0.1:${port}`;
  let statements = 0;
  const child = spawn(process.execPath, [path.resolve("build/server/main.js")], {
    // Without background workers: their SQL (email delivery retries, queued jobs) is not a page's.
    env: benchServerEnv({ databaseUrl, port, logLevel: "trace", env: { BACKGROUND_WORKERS: "off" } }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    statements += chunk.split("\n").filter((line) => line.includes('"msg":"sql"')).length;
  });
  try {
    for (let i = 0; ; i += 1) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        if (i > 150) throw new Error("the counting server did not start");
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const counts: Record<string, number> = {};
    for (const page of pages) {
      await fetch(`${url}${page.path}`, { headers: page.cookie ? { cookie: page.cookie } : {} }); // warm-up
      await new Promise((resolve) => setTimeout(resolve, 150));
      statements = 0;
      const response = await fetch(`${url}${page.path}`, { headers: page.cookie ? { cookie: page.cookie } : {}, redirect: "manual" });
      if (response.status !== 200) throw new Error(`${page.path}: ${response.status}`);
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, 150));
      counts[page.name] = statements;
    }
    return counts;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

export async function benchPageLoad(options: PageLoadOptions, context = { startCluster: true, port: 3210 }) {
  const db = await startBenchDatabase({ startCluster: context.startCluster });
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let floor: Awaited<ReturnType<typeof startFloorServer>> | undefined;
  try {
    server = await startServerProcess({ databaseUrl: db.url, port: context.port });
    floor = await startFloorServer(context.port + 1);
    const owner = await signUpForCookie(server.url, Date.now().toString(36));
    const ownerId = await userId(db, owner.email);
    const room = await seedRoom(db, ownerId, owner.email, "Benchmark room", 50, 20);
    const small = await seedRoom(db, ownerId, owner.email, "Scale: small", 1_000, 20);
    const large = await seedRoom(db, ownerId, owner.email, "Scale: large", options.largePosts, 20);
    // The owner belongs to HOME_ROOMS rooms (the three above included); other people's rooms fill the database.
    await seedRooms(db, ownerId, owner.email, HOME_ROOMS - 3, 0);
    const { rows: others } = await db.sql(
      "insert into users (username, email, name, password_hash) values ('bench_other', 'bench.other@example.test', 'Someone Else', 'x') returning id",
    );
    await seedRooms(db, others[0].id, "bench.other@example.test", options.otherRooms, 0);
    await db.sql("analyze");

    const targets = [
      { name: "floor: bare Remix route (remix-serve)", url: floor.url, cookie: undefined },
      { name: "landing (anonymous)", url: `${server.url}/`, cookie: undefined },
      { name: "room: 50 posts, 20 members", url: `${server.url}/room/${room}`, cookie: owner.cookie },
      { name: `home: ${HOME_ROOMS} rooms`, url: `${server.url}/home`, cookie: owner.cookie },
    ];
    const byTarget = new Map<string, Array<Awaited<ReturnType<typeof load>>>>();
    for (let round = 0; round < options.rounds; round += 1) {
      for (const target of targets) {
        const runs = byTarget.get(target.name) ?? [];
        runs.push(await load(target.url, target.cookie, options));
        byTarget.set(target.name, runs);
      }
    }
    await floor.stop();
    floor = undefined;
    const bare = byTarget.get(targets[0]!.name)!;
    const throughput = targets.map((target) => {
      const runs = byTarget.get(target.name)!;
      // Each round's page against the floor of the same round: the machine's load moves both.
      const ratios = runs.map((run, i) => (100 * run.rps) / bare[i]!.rps);
      const p99Ratios = runs.map((run, i) => run.p99 / Math.max(bare[i]!.p99, 1));
      return {
        page: target.name,
        "req/s (median)": Math.round(median(runs.map((r) => r.rps))),
        "req/s spread": spread(runs.map((r) => r.rps)),
        "% of floor": round1(median(ratios)),
        "% of floor spread": spread(ratios),
        "p50 ms": median(runs.map((r) => r.p50)),
        "p99 ms": median(runs.map((r) => r.p99)),
        "p99 ÷ floor p99": Number(median(p99Ratios).toFixed(2)),
        errors: runs.reduce((sum, r) => sum + r.errors, 0),
      };
    });

    // What each page sends (raw and gzip), the same documents as loaded above.
    const documents = await Promise.all(
      targets.slice(1).map(async (target) => {
        const html = Buffer.from(
          await (await fetch(target.url, { headers: target.cookie ? { cookie: target.cookie } : {} })).arrayBuffer(),
        );
        return {
          page: target.name,
          "document KB": round1(html.length / 1024),
          "document KB gzip": round1(zlib.gzipSync(html).length / 1024),
        };
      }),
    );

    const scaleRuns = { small: [] as number[], large: [] as number[] };
    for (let round = 0; round < options.rounds; round += 1) {
      scaleRuns.small.push((await load(`${server.url}/room/${small}`, owner.cookie, { ...options, connections: 10 })).p50);
      scaleRuns.large.push((await load(`${server.url}/room/${large}`, owner.cookie, { ...options, connections: 10 })).p50);
    }
    const scale = {
      "p50 ms, 1,000 posts": median(scaleRuns.small),
      [`p50 ms, ${options.largePosts.toLocaleString("en")} posts`]: median(scaleRuns.large),
      "ratio (target ≤ 1.3)": Number((median(scaleRuns.large) / Math.max(median(scaleRuns.small), 0.5)).toFixed(2)),
      "other rooms in the database": options.otherRooms,
    };

    await server.stop();
    server = undefined;
    const pages = [
      { name: "home", path: "/home", cookie: owner.cookie },
      { name: "room (1,000 posts)", path: `/room/${small}`, cookie: owner.cookie },
      { name: `room (${options.largePosts.toLocaleString("en")} posts)`, path: `/room/${large}`, cookie: owner.cookie },
      { name: "room with members open", path: `/room/${room}?members=open`, cookie: owner.cookie },
      { name: "prep", path: `/room/${room}/prep`, cookie: owner.cookie },
      { name: "invites", path: "/invites", cookie: owner.cookie },
      { name: "profile", path: "/profile", cookie: owner.cookie },
      { name: "landing (anonymous)", path: "/" },
    ];
    // The same address as the load server: session tokens name the app's URL as their issuer.
    const queries = await countQueries(db.url, context.port, pages);
    return { throughput, documents, scale, queries: Object.entries(queries).map(([page, count]) => ({ page, "SQL queries": count })) };
  } finally {
    await floor?.stop();
    await server?.stop();
    await db.stop();
  }
}
