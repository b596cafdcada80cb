import { expect, it } from "vitest";
import { databaseRestart } from "./database-restart";

it("database restart under load (quick): readable 503s while down, no hang, back within 5 s with the same session", async () => {
  const result = await databaseRestart.run({ quick: true, log: () => undefined });
  expect(result.pass, `${result.summary}\n${(result.failures ?? []).join("\n")}`).toBe(true);
}, 60_000);
