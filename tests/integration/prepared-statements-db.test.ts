import { QueryTypes, type Sequelize } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preparedQuery } from "../../server/db/prepared-statement";
import { createSequelize } from "../../server/db/sequelize";
import { isDomainError } from "../../server/errors";
import { createPostsRepository } from "../../server/repositories/posts";
import { createRoomsRepository } from "../../server/repositories/rooms";
import { createSessionsRepository } from "../../server/repositories/sessions";
import { countQueries } from "../support/query-counter";
import { queryRows, signUpTestUser, startTestRuntime, type TestRuntime } from "../support/test-runtime";

let runtime: TestRuntime;
/** A pool of one connection: every statement below runs on it, so its prepared statements can be read back. */
let oneConnection: Sequelize;
let owner: Awaited<ReturnType<typeof signUpTestUser>>;
let roomId: string;
const sessionId = "prepared-statements-session";

beforeAll(async () => {
  runtime = await startTestRuntime();
  oneConnection = createSequelize(runtime.databaseUrl, undefined, { poolMax: 1 });
  owner = await signUpTestUser(runtime, { prefix: "prepared" });
  const room = await runtime.container.services.rooms.create(owner, { name: "Prepared", description: null });
  roomId = room.id;
  for (const message of ["one", "two", "three"]) await runtime.container.services.posts.create(owner.id, roomId, { message });
  await queryRows(
    runtime,
    "insert into sessions (id, user_id, created_at, expires_at) values (:sessionId, :userId, now(), now() + interval '1 day')",
    { sessionId, userId: owner.id },
  );
});
afterAll(async () => {
  await oneConnection?.close();
  await runtime?.close();
});

describe("the hot reads (the room page's and My rooms')", () => {
  it("run as named prepared statements, parsed once per connection and run again from there", async () => {
    const sessions = createSessionsRepository(oneConnection);
    const rooms = createRoomsRepository(oneConnection);
    const posts = createPostsRepository(oneConnection);
    for (let load = 0; load < 2; load++) {
      expect(await sessions.findLive(sessionId, new Date())).not.toBeNull();
      expect(await rooms.findForMember(roomId, owner.id)).not.toBeNull();
      expect(await rooms.findForMember(roomId, owner.id, { markRead: true })).not.toBeNull();
      const page = await posts.pageBefore(roomId, undefined, 2, owner.id);
      expect(await posts.pageBefore(roomId, page[1], 2, owner.id)).toHaveLength(1);
      expect(await posts.pageThrough(roomId, page[1]!.id, 2, owner.id)).toHaveLength(2);
      expect(await rooms.listForUser(owner.id, { limit: 21, unreadCap: 100 })).toHaveLength(1);
    }

    const prepared = await oneConnection.query<{ name: string; runs: number }>(
      "select name, (generic_plans + custom_plans)::int as runs from pg_prepared_statements order by name",
      { type: QueryTypes.SELECT },
    );
    expect(prepared).toEqual([
      { name: "posts_newest_page", runs: 2 },
      { name: "posts_page_before", runs: 2 },
      { name: "posts_page_through", runs: 2 },
      { name: "rooms_find_for_member", runs: 2 },
      { name: "rooms_find_for_member_marking_read", runs: 2 },
      { name: "rooms_of_member", runs: 2 },
      { name: "sessions_find_live", runs: 2 },
    ]);
  });

  it("are logged as Sequelize logs its own statements, so the SQL trace and the query counts see them", async () => {
    const rooms = createRoomsRepository(oneConnection);
    const statements = await countQueries(oneConnection, () => rooms.findForMember(roomId, owner.id));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^Executing \(.+\): +SELECT r\.id, r\.room_name/);
  });

  it("answer the domain's UnavailableError, within seconds, when no connection can be had", async () => {
    const away = createSequelize("postgres://postgres:postgres@127.0.0.1:9/nowhere");
    const started = Date.now();
    const error = await preparedQuery(away, { name: "nothing", text: "SELECT $1::int AS n", values: [1] }).catch((e: unknown) => e);
    await away.close();
    expect(isDomainError(error, "unavailable")).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("give rows as Sequelize's raw SELECT does: dates as Date, json parsed, ints and booleans typed", async () => {
    const [row] = await preparedQuery<Record<string, unknown>>(oneConnection, {
      name: "row_shapes",
      text: `SELECT now() AS at, '[{"a":1}]'::json AS list, 2::int AS n, true AS yes, $1::uuid AS id, ARRAY['x']::text[] AS names`,
      values: [roomId],
    });
    const [expected] = await oneConnection.query<Record<string, unknown>>(
      `SELECT now() AS at, '[{"a":1}]'::json AS list, 2::int AS n, true AS yes, :id::uuid AS id, ARRAY['x']::text[] AS names`,
      { type: QueryTypes.SELECT, replacements: { id: roomId } },
    );
    expect({ ...row, at: typeof row!.at }).toEqual({ ...expected, at: typeof expected!.at });
    expect(row!.at).toBeInstanceOf(Date);
  });
});
