import fs from "node:fs";
import path from "node:path";
import { benchBcrypt } from "./bcrypt";
import { measurePageWeight } from "./page-weight";

/** `npm run bench`: prints each figure as a table and keeps them in bench/results/latest.json. */
async function main() {
  const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version };

  console.log("bcrypt: time per password hash (sign-up, reset) and per check (sign-in)");
  results.bcrypt = await benchBcrypt();
  console.table(results.bcrypt);

  console.log("\nPage weight: what each page type downloads (targets: LiveKit code only on prep and meeting; room JS ≤ 100 KB gzip)");
  results.pageWeight = measurePageWeight();
  console.table(results.pageWeight);

  const file = path.resolve("bench/results/latest.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
