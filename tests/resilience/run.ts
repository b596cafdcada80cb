import fs from "node:fs";
import path from "node:path";
import type { Scenario, ScenarioResult } from "./scenario";
import { scenarios } from "./scenarios";

/**
 * `npm run resilience` (after `npm run build`): runs every load and fault scenario in full, one
 * after another, printing a PASS/FAIL line for each and a last line `N passed, N failed`.
 * `-- --quick` runs the short versions; `-- <name>…` runs only those.
 */
async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const names = args.filter((arg) => !arg.startsWith("--"));
  const chosen: Scenario[] = names.length ? scenarios.filter((s) => names.includes(s.name)) : scenarios;
  if (names.length && chosen.length !== names.length)
    throw new Error(`unknown scenario; known: ${scenarios.map((s) => s.name).join(", ")}`);

  const results: Record<string, ScenarioResult & { seconds: number }> = {};
  for (const scenario of chosen) {
    console.log(`\n== ${scenario.name}${quick ? " (quick)" : ""}`);
    const started = Date.now();
    let result: ScenarioResult;
    try {
      result = await scenario.run({ quick, log: (line) => console.log(`  ${line}`) });
    } catch (error) {
      result = { pass: false, summary: `crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, figures: {} };
    }
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    results[scenario.name] = { ...result, seconds };
    for (const failure of result.failures ?? []) console.log(`  ✗ ${failure}`);
    console.log(`${result.pass ? "PASS" : "FAIL"} ${scenario.name}: ${result.summary} (${seconds} s)`);
  }

  const passed = Object.values(results).filter((r) => r.pass).length;
  const failed = Object.values(results).length - passed;
  if (!quick) {
    const file = path.resolve("bench/results/resilience.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // A run of some scenarios updates theirs and keeps the others' last results.
    const previous = fs.existsSync(file) ? ((JSON.parse(fs.readFileSync(file, "utf8")) as { results?: typeof results }).results ?? {}) : {};
    const merged = {
      ...previous,
      ...Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { ...r, measuredAt: new Date().toISOString() }])),
    };
    fs.writeFileSync(file, `${JSON.stringify({ node: process.version, results: merged }, null, 2)}\n`);
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
