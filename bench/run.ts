import fs from "node:fs";
import path from "node:path";
import { benchBcrypt } from "./bcrypt";
import { measurePageWeight } from "./page-weight";
import { benchPageLoad, FULL_RUN, SMOKE_RUN } from "./page-load";
import { benchJoinTime, FULL_JOIN, SMOKE_JOIN } from "./join-time";
import { benchSignIn, FULL_SIGN_IN, SMOKE_SIGN_IN } from "./sign-in";
import { targetsTable } from "./targets";

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
  const pageWeight = measurePageWeight();
  results.pageWeight = pageWeight;
  console.table(pageWeight);

  const load = smoke ? SMOKE_RUN : FULL_RUN;
  console.log(
    `\nPage load: ${load.connections} connections for ${load.seconds} s, median of ${load.rounds} round(s), each page against ` +
      "the floor of the same round: a bare Remix route of the same version served by remix-serve (bench/floor)",
  );
  const pageLoad = await benchPageLoad(load);
  results.pageLoad = pageLoad;
  console.table(pageLoad.throughput);
  console.table(pageLoad.documents);
  console.table([pageLoad.scale]);
  console.table(pageLoad.queries);
  console.log("\nIssue 13's targets, with the floor's figure of this run beside each");
  results.targets = targetsTable(pageLoad, pageWeight);
  console.table(results.targets);

  const signIn = smoke ? SMOKE_SIGN_IN : FULL_SIGN_IN;
  console.log(
    `\nSign-in: ${signIn.signIns} sign-ins on ${signIn.connections} connections over ${signIn.accounts} accounts, at the configured bcrypt cost; ` +
      `then ${signIn.guesses} simultaneous wrong guesses from one address (the limiter must check at most 10)`,
  );
  results.signIn = await benchSignIn(signIn);
  console.table([(results.signIn as Awaited<ReturnType<typeof benchSignIn>>).throughput]);
  console.table([(results.signIn as Awaited<ReturnType<typeof benchSignIn>>).limiter]);

  const join = smoke ? SMOKE_JOIN : FULL_JOIN;
  console.log(
    `\nJoin time: local LiveKit server, Chromium's fake camera and microphone, ${join.rounds} round(s): no effect (target ≤ 1.5 s median); ` +
      "a blur chosen on the prep page, Join → own processed video playing (target ≤ 2 s median)",
  );
  results.joinTime = await benchJoinTime(join);
  console.table([results.joinTime]);

  const file = path.resolve("bench/results/latest.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
