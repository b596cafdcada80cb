import { describe, expect, it } from "vitest";
import { createMigrator } from "../../server/db/migrator";
import { databaseMigratedTo } from "../support/migrated-database";

// Migration 0008's backfill, on a database migrated only to 0007 and seeded the way the app wrote rows then.
const db = databaseMigratedTo("0007-meeting-presence", "m8");
const { query } = db;

describe("migration 0008", () => {
  it("starts accounts unverified, except those a spent reset link proved (at that time); voided links and accepted invites prove nothing", async () => {
    await query(`
      INSERT INTO users (id, username, email, password_hash, name, email_verified_at) VALUES
        ('00000000-0000-4000-8000-000000000001', 'reset', 'reset@example.test', 'x', 'Reset', '2026-01-02T00:00:00Z'),
        ('00000000-0000-4000-8000-000000000002', 'changed', 'changed@example.test', 'x', 'Changed pw on profile', '2026-01-03T00:00:00Z'),
        ('00000000-0000-4000-8000-000000000003', 'voided', 'voided@example.test', 'x', 'Voided only', NULL),
        ('00000000-0000-4000-8000-000000000004', 'invited', 'invited@example.test', 'x', 'Accepted an invite', NULL),
        ('00000000-0000-4000-8000-000000000005', 'owner', 'owner@example.test', 'x', 'Owner', NULL);
      INSERT INTO password_reset_tokens (user_id, token_hash, expires_at, used_at, created_at) VALUES
        ('00000000-0000-4000-8000-000000000001', repeat('a', 64), '2026-01-02T01:00:00Z', '2026-01-02T00:30:00Z', '2026-01-02T00:00:00Z'),
        ('00000000-0000-4000-8000-000000000003', repeat('b', 64), '2026-01-04T01:00:00Z', '2026-01-04T00:10:00Z', '2026-01-04T00:00:00Z'),
        ('00000000-0000-4000-8000-000000000003', repeat('c', 64), '2026-01-04T01:10:00Z', NULL, '2026-01-04T00:10:00Z');
      INSERT INTO rooms (id, room_name, owner_id) VALUES ('00000000-0000-4000-8000-0000000000a1', 'Room', '00000000-0000-4000-8000-000000000005');
      INSERT INTO invites (room_id, inviter_id, invitee_email, token_hash, status, expires_at, accepted_at)
        VALUES ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000005', 'invited@example.test', repeat('d', 64), 'accepted', '2026-02-01T00:00:00Z', '2026-01-05T00:00:00Z');
    `);

    await createMigrator(db.sequelize).up({ to: "0008-email-verification" });

    const rows = await query(`SELECT username, email_verified_at FROM users ORDER BY username`);
    expect(rows).toEqual([
      { username: "changed", email_verified_at: null },
      { username: "invited", email_verified_at: null },
      { username: "owner", email_verified_at: null },
      { username: "reset", email_verified_at: new Date("2026-01-02T00:30:00Z") },
      { username: "voided", email_verified_at: null },
    ]);
    expect(await query(`SELECT count(*)::int AS n FROM email_verification_tokens`)).toEqual([{ n: 0 }]);
  });
});
