import { createBcryptHasher } from "../../server/services/passwords";
import type { startBenchDatabase } from "../../bench/bench-server";
import { honeypotFieldsIn } from "../support/honeypot";

type Db = Awaited<ReturnType<typeof startBenchDatabase>>;

export const SEEDED_PASSWORD = "a resilience passphrase";

export interface SeededAccount {
  id: string;
  email: string;
  name: string;
}

/**
 * Accounts written straight into `users` (one bcrypt hash shared by all): sign-ups through the
 * form are limited per IP, and the scenarios need many people, not many sign-ups.
 */
export async function seedAccounts(db: Db, prefix: string, count: number): Promise<SeededAccount[]> {
  const passwordHash = await createBcryptHasher(10).hash(SEEDED_PASSWORD);
  const { rows } = await db.sql(
    `insert into users (username, email, password_hash, name)
     select $1 || '_' || g, $1 || '.' || g || '@example.test', $2, 'Member ' || g from generate_series(1, $3::int) g
     returning id, email, name`,
    [prefix, passwordHash, count],
  );
  return rows as SeededAccount[];
}

/** A room owned by `owner`, with `members` as participants who have joined. */
export async function seedRoom(db: Db, owner: SeededAccount, members: SeededAccount[], name: string): Promise<string> {
  const { rows } = await db.sql("insert into rooms (room_name, owner_id, livekit_room_name) values ($1, $2, 'pending') returning id", [
    name,
    owner.id,
  ]);
  const roomId = rows[0].id as string;
  await db.sql("update rooms set livekit_room_name = 'parley-' || id where id = $1", [roomId]);
  await db.sql(
    `insert into room_participants (room_id, user_id, email, name, role, joined_at)
     select $1, u.id, u.email, u.name, case when u.id = $2 then 'owner' else 'participant' end, now()
       from users u where u.id = any($3::uuid[])`,
    [roomId, owner.id, [owner.id, ...members.map((m) => m.id)]],
  );
  return roomId;
}

/** The honeypot fields a real render of the form would carry. */
export async function honeypotFields(url: string, path: string, headers: Record<string, string> = {}) {
  return honeypotFieldsIn(await (await fetch(`${url}${path}`, { headers })).text());
}

/** Signs in through the real form and returns the session cookie (`name=value`). */
export async function signInForCookie(url: string, email: string, password = SEEDED_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/auth/signin`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ ...(await honeypotFields(url, "/auth/signin")), email, password, redirectTo: "" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?parley_session=/.test(c));
  if (response.status !== 302 || !cookie) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  return cookie.split(";")[0]!;
}

/** Runs `work` over `items`, at most `limit` at a time. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
