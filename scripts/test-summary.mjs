// Sums vitest's and Playwright's JSON reports into the last line CI reads:
// "N passed, N failed, N skipped". Exits non-zero when anything failed or a report is missing.
import fs from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
let missing = false;

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    console.error(`missing or unreadable test report: ${file}`);
    missing = true;
    return null;
  }
}

const vitest = read(vitestFile);
if (vitest) {
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // A test file that failed to load has no failed tests but is a failure all the same.
  for (const file of vitest.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) totals.failed += 1;
  }
}

const playwright = read(playwrightFile);
if (playwright) {
  const stats = playwright.stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  for (const error of playwright.errors ?? []) {
    console.error(`playwright error: ${error.message ?? error}`);
    totals.failed += 1;
  }
}

if (missing) totals.failed += 1;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
