import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layers (routes → services → repositories → PostgreSQL) as eslint.config.mjs writes them:
// each deliberate bad import below must fail the lint, in the file where it would be written.
const RULE = "@typescript-eslint/no-restricted-imports";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });
});

/** The import restrictions reported for `code` as if it were the file at `filePath`. */
async function layerViolations(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe("the layers as import rules", () => {
  it("stops a route from reaching Sequelize or a repository", async () => {
    const code = [
      'import { Sequelize } from "sequelize";',
      'import { createUserRepository } from "../../server/repositories/users";',
      "export const loader = () => [Sequelize, createUserRepository];",
    ].join("\n");
    const violations = await layerViolations("app/routes/rooms.tsx", code);
    expect(violations).toHaveLength(2);
    expect(violations[0]).toMatch(/sequelize/);
    expect(violations[1]).toMatch(/server\/repositories\/users/);
  });

  it("stops a route from reaching the database, pg or an SDK", async () => {
    const code = [
      'import { Pool } from "pg";',
      'import PgBoss from "pg-boss";',
      'import sendgrid from "@sendgrid/mail";',
      'import Mailjet from "node-mailjet";',
      'import { AccessToken } from "livekit-server-sdk";',
      'import { connect } from "~/../server/db/connection";',
      "export const all = [Pool, PgBoss, sendgrid, Mailjet, AccessToken, connect];",
    ].join("\n");
    expect(await layerViolations("app/routes/room.$roomId.tsx", code)).toHaveLength(6);
  });

  it("lets a route use a service", async () => {
    const code = 'import { SessionService } from "../../server/services/sessions";\nexport const s = SessionService;';
    expect(await layerViolations("app/routes/rooms.tsx", code)).toEqual([]);
  });

  it("stops a service from importing Remix or app/", async () => {
    const code = [
      'import { json } from "@remix-run/node";',
      'import { readForm } from "../../app/utils/forms.server";',
      'import { headers } from "~/utils/headers";',
      "export const all = [json, readForm, headers];",
    ].join("\n");
    const violations = await layerViolations("server/services/rooms.ts", code);
    expect(violations).toHaveLength(3);
    expect(violations[0]).toMatch(/@remix-run\/node/);
  });

  it("stops a repository from importing a service's values", async () => {
    const code = 'import { createRoomService } from "../services/rooms";\nexport const make = createRoomService;';
    const violations = await layerViolations("server/repositories/rooms.ts", code);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/services\/rooms/);
  });

  it("keeps a repository from importing app/ or Remix too", async () => {
    const code = 'import { json } from "@remix-run/node";\nexport const j = json;';
    expect(await layerViolations("server/repositories/rooms.ts", code)).toHaveLength(1);
  });

  it("lets a repository import a service's types", async () => {
    const code = [
      'import type { RateLimitCounters } from "../services/rate-limits";',
      'import { type RatePolicy } from "../services/rate-limits";',
      "export type Both = [RateLimitCounters, RatePolicy];",
    ].join("\n");
    expect(await layerViolations("server/repositories/rate-limit-counters.ts", code)).toEqual([]);
  });
});
