import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { createDeliveryQueue, DELIVERY_QUEUE } from "../../server/email/outbox";
import { createTestDatabase } from "../support/test-cluster";

describe("the email delivery queue", () => {
  it("is created once when several instances start together on a new database (no deadlock)", async () => {
    for (let round = 0; round < 4; round += 1) {
      const database = await createTestDatabase();
      const bosses = [0, 1, 2].map(() => new PgBoss({ connectionString: database.url, max: 4, supervise: false, schedule: false }));
      try {
        for (const boss of bosses) boss.on("error", () => undefined);
        await Promise.all(bosses.map((boss) => boss.start()));
        await Promise.all(bosses.map((boss) => createDeliveryQueue(boss)));
        expect((await bosses[0]!.getQueues()).map((q) => q.name)).toEqual([DELIVERY_QUEUE]);
      } finally {
        await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
        await database.drop();
      }
    }
  }, 60_000);
});
