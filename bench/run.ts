import fs from "node:fs";
import path from "node:path";
import { benchBcrypt } from "./bcrypt";
import { measurePageWeight } from "./page-weight";
import { benchPageLoad, FULL_RUN, SMOKE_RUN } from "./page-load";

/**
 * `npm run bench` (after `npm run build`): prints each figure as a table and keeps them in
 * bench/results/latest.json. `npm run bench -- --smoke` runs each briefly.
 */
async function main() {
  const smoke = process.argv.includes("--smoke");
  const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version, smoke };

  console.log("bcrypt: time per password hash (sign-up, reset) and per check (sign-in)");
  results.bcrypt = await benchBcrypt();
  console.table(results.bcrypt);

  console.log("\nPage weight: what each page type downloads (targets: LiveKit code only on prep and meeting; room JS ≤ 100 KB gzip)");
  results.pageWeight = measurePageWeight();
  console.table(results.pageWeight);

  const load = smoke ? SMOKE_RUN : FULL_RUN;
  console.log(
    `\nPage load: ${load.connections} connections for ${load.seconds} s, median of ${load.rounds} round(s) ` +
      "(targets: room ≥ 60 % of the static page's req/s, p99 < 100 ms, no errors; scale ratio ≤ 1.3; ≤ 4 queries per page)",
  );
  const pageLoad = await benchPageLoad(load);
  results.pageLoad = pageLoad;
  console.table(pageLoad.throughput);
  console.table([pageLoad.scale]);
  console.table(pageLoad.queries);

  const file = path.resolve("bench/results/latest.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
