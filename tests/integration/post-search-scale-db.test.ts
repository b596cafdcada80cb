import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryTypes } from "sequelize";
import { createUsersRepository } from "../../server/repositories/users";
import { explainAsRun, recordingStatements } from "../support/explain-as-run";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime";
import { newUserData } from "../support/user-factory";

/*
 * Search at scale on the real database: a room of SCALE posts (100,000 by default; the README's
 * figure is from SEARCH_SCALE_POSTS=1000000) beside another room's. The service's own statement is
 * captured and explained: a rare word is found through the trigram index; a common one walks the
 * feed's index newest first and stops at a page; both answer well within the limit.
 */
const SCALE = Number(process.env.SEARCH_SCALE_POSTS ?? 100_000);
// Through the services (the access check included) on a machine shared with other tests; PostgreSQL
// itself takes under a millisecond for each of these at 1,000,000 posts.
const LIMIT_MS = 500;

let runtime: TestRuntime;
let roomId: string;
let ownerId: string;

const SEED = `insert into posts (room_id, creator_id, message, created_at)
              select :roomId, :ownerId,
                     'Note ' || g || ' about the ' || (array['launch', 'budget', 'hiring', 'design', 'roadmap'])[1 + g % 5]
                       || ' for week ' || (g % 52) || case when g % :rareEvery = 0 then ' zebra' else '' end,
                     now() - make_interval(secs => g)
                from generate_series(1, :count::int) g`;

beforeAll(async () => {
  runtime = await startTestRuntime();
  const { password: _password, ...user } = newUserData({ prefix: "scale" });
  const owner = await createUsersRepository().create({ ...user, passwordHash: "not-a-real-hash" });
  ownerId = owner.id;
  const me = { id: owner.id, username: owner.username, email: owner.email, name: owner.name, emailVerified: true };
  roomId = (await runtime.container.services.rooms.create(me, { name: "Scale", description: null })).id;
  const other = await runtime.container.services.rooms.create(me, { name: "Elsewhere", description: null });
  await runtime.sequelize.query(SEED, { replacements: { roomId, ownerId, rareEvery: SCALE / 4, count: SCALE } });
  await runtime.sequelize.query(SEED, { replacements: { roomId: other.id, ownerId, rareEvery: SCALE / 4, count: SCALE / 10 } });
  await runtime.sequelize.query("analyze posts");
}, 1_800_000);

afterAll(async () => {
  await runtime?.close();
});

/**
 * Runs `work` through the services, timing it, and explains (analyzed) its statement that contains
 * `marker`, as the server ran it (a feed page is a prepared statement).
 */
async function timeAndExplain<T>(work: () => Promise<T>, marker: string) {
  const started = performance.now();
  const { result, sent } = await recordingStatements(work);
  const ms = performance.now() - started;
  const lines = await explainAsRun(
    runtime.sequelize,
    sent.find((s) => s.text.includes(marker))!,
  );
  return { result, ms, plan: lines.join("\n") };
}

async function searchAndExplain(q: string) {
  const { result, ms, plan } = await timeAndExplain(() => runtime.container.services.postSearch.search(ownerId, roomId, { q }), "ILIKE");
  return { results: result, ms, plan };
}

/** The figure and the plan's scans, for the README (vitest shows them with --reporter=verbose or on failure). */
function report(what: string, ms: number, plan: string) {
  const scans = plan.split("\n").filter((line) => /Scan (on|using) posts|Execution Time/.test(line));
  console.log(`${what}: ${ms.toFixed(1)} ms through the service\n${scans.join("\n")}`);
}

describe(`search in a room of ${SCALE.toLocaleString("en")} posts`, () => {
  it("a rare word: through the trigram index", async () => {
    const { results, ms, plan } = await searchAndExplain("zebra");
    report("rare word", ms, plan);
    expect(results.posts).toHaveLength(4);
    expect(plan).toContain("posts_message_trgm_idx");
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it("two words, one common: still the index, still quick", async () => {
    const { results, ms, plan } = await searchAndExplain("ZEBRA launch");
    report("rare and common word", ms, plan);
    expect(results.posts.every((p) => /zebra/i.test(p.message) && /launch/i.test(p.message))).toBe(true);
    expect(plan).toContain("posts_message_trgm_idx");
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it("a common word: a full first page, quickly", async () => {
    const { results, ms, plan } = await searchAndExplain("budget");
    report("common word", ms, plan);
    expect(results.posts).toHaveLength(20);
    expect(results.olderCursor).not.toBeNull();
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it("a result's place in the feed (?at=) far back: the feed's index, quickly", async () => {
    const [old] = await runtime.sequelize.query<{ id: string }>(
      "select id from posts where room_id = :roomId order by created_at limit 1 offset 1000",
      { type: QueryTypes.SELECT, replacements: { roomId } },
    );
    const { result, ms, plan } = await timeAndExplain(
      () => runtime.container.services.rooms.view(ownerId, roomId, { at: old!.id }),
      "SELECT t.created_at",
    );
    report("feed page through an old post", ms, plan);
    expect(result.feed.posts.at(-1)!.id).toBe(old!.id);
    expect(result.feed.posts).toHaveLength(50);
    expect(plan).toContain("posts_room_feed_idx");
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it("a word found nowhere: quickly, through the index", async () => {
    const { results, ms, plan } = await searchAndExplain("quokka");
    report("absent word", ms, plan);
    expect(results.posts).toEqual([]);
    expect(plan).toContain("posts_message_trgm_idx");
    expect(ms).toBeLessThan(LIMIT_MS);
  });
});
