import { describe, expect, it } from "vitest";
import { createMigrator } from "../../server/db/migrator";
import { databaseMigratedTo } from "../support/migrated-database";

// Migration 0019's backfill, on a database migrated only to 0018 and seeded the way the app wrote rows then.
const db = databaseMigratedTo("0018-contract-limits", "m19");
const { query } = db;

const OWNER = "00000000-0000-4000-8000-000000000001";
const MEMBER = "00000000-0000-4000-8000-000000000002";
const BUSY = "00000000-0000-4000-8000-0000000000a1";
const QUIET = "00000000-0000-4000-8000-0000000000a2";
const LATEST = "00000000-0000-4000-8000-0000000000f3";

describe("migration 0019", () => {
  it("starts existing members with everything read, at their room's newest post; rooms without posts stay unread-free", async () => {
    await query(`
      INSERT INTO users (id, username, email, password_hash, name) VALUES
        ('${OWNER}', 'owner', 'owner@example.test', 'x', 'Owner'),
        ('${MEMBER}', 'member', 'member@example.test', 'x', 'Member');
      INSERT INTO rooms (id, room_name, owner_id) VALUES ('${BUSY}', 'Busy', '${OWNER}'), ('${QUIET}', 'Quiet', '${OWNER}');
      INSERT INTO room_participants (room_id, user_id, email, name, role) VALUES
        ('${BUSY}', '${OWNER}', 'owner@example.test', 'Owner', 'owner'),
        ('${BUSY}', '${MEMBER}', 'member@example.test', 'Member', 'participant'),
        ('${QUIET}', '${OWNER}', 'owner@example.test', 'Owner', 'owner');
      -- Two posts share the newest instant: the keyset order breaks the tie by id.
      INSERT INTO posts (id, room_id, creator_id, message, created_at) VALUES
        ('00000000-0000-4000-8000-0000000000f1', '${BUSY}', '${OWNER}', 'first', '2026-01-01T00:00:00Z'),
        ('00000000-0000-4000-8000-0000000000f2', '${BUSY}', '${MEMBER}', 'tied', '2026-01-02T00:00:00Z'),
        ('${LATEST}', '${BUSY}', '${OWNER}', 'tied, larger id', '2026-01-02T00:00:00Z');
    `);

    await createMigrator(db.sequelize).up({ to: "0019-unread-mentions-search" });

    const rows = await query(`
      SELECT r.room_name, p.name, p.last_read_at, p.last_read_post_id, p.mention_emailed_at
        FROM room_participants p JOIN rooms r ON r.id = p.room_id
       ORDER BY r.room_name, p.name`);
    expect(rows).toEqual([
      {
        room_name: "Busy",
        name: "Member",
        last_read_at: new Date("2026-01-02T00:00:00Z"),
        last_read_post_id: LATEST,
        mention_emailed_at: null,
      },
      {
        room_name: "Busy",
        name: "Owner",
        last_read_at: new Date("2026-01-02T00:00:00Z"),
        last_read_post_id: LATEST,
        mention_emailed_at: null,
      },
      { room_name: "Quiet", name: "Owner", last_read_at: null, last_read_post_id: null, mention_emailed_at: null },
    ]);
    expect(await query(`SELECT mention_emails FROM users ORDER BY username`)).toEqual([{ mention_emails: true }, { mention_emails: true }]);
  });

  it("searches post text through the trigram index", async () => {
    await query(`SET enable_seqscan = off`);
    const plan = await query(`EXPLAIN SELECT id FROM posts WHERE message ILIKE '%larger%'`);
    await query(`RESET enable_seqscan`);
    expect(JSON.stringify(plan)).toContain("posts_message_trgm_idx");
  });

  it("rolls back to 0018 and forward again", async () => {
    const migrator = createMigrator(db.sequelize);
    await migrator.down({ to: "0019-unread-mentions-search" });
    expect(await query(`SELECT to_regclass('post_mentions') AS t`)).toEqual([{ t: null }]);
    await migrator.up();
    expect(await query(`SELECT to_regclass('post_mentions') AS t`)).toEqual([{ t: "post_mentions" }]);
  });
});
