import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { interpolatedSqlCalls } from "../support/interpolated-sql";

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}

/** Reads the module a relative import of `file` names, so the SQL check can follow a shared constant there. */
const relativeModule = (file: string) => (specifier: string) => {
  const target = path.resolve(path.dirname(file), `${specifier}.ts`);
  return specifier.startsWith(".") && fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
};

describe("static checks of the source", () => {
  it("builds no SQL from interpolated strings (only replacements or bind)", () => {
    const offenders = [...filesUnder("server", /\.ts$/), ...filesUnder("migrations", /\.ts$/), ...filesUnder("app", /\.tsx?$/)].flatMap(
      (file) => interpolatedSqlCalls(fs.readFileSync(file, "utf8"), relativeModule(file)).map((call) => `${file}: ${call}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the SQL check catches typed, untyped and literal() calls, and lets escaped identifiers and constant SQL through", () => {
    const planted = [
      "await sequelize.query(`SELECT * FROM users WHERE email = '${email}'`);",
      "const rows = await sequelize.query<User>(`SELECT * FROM users WHERE id = ${id}`, { type: QueryTypes.SELECT });",
      "const [row] = await sequelize.query<RoomRow & { role: Role; seen: string[] }>(\n  `SELECT * FROM rooms WHERE name = '${name}'`,\n);",
      "await db.query<Array<{ n: number }>>(`DELETE FROM posts WHERE id = ${postId}`);",
      'await sequelize.query("SELECT * FROM users WHERE id = \'" + id + "\'");',
      "User.update({ n: sequelize.literal(`n + ${amount}`) }, { where: {} });",
      "User.update({ n: Sequelize.literal(`n + ${amount}`) }, { where: {} });",
      "import { literal } from 'sequelize'; User.update({ n: literal(`n + ${amount}`) }, { where: {} });",
      // A lower-case name or a constant built by interpolation is a value, not fixed SQL.
      "const columns = `id, name`; await sequelize.query(`SELECT ${columns} FROM users`);",
      "const COLUMNS = `id, ${extra}`; await sequelize.query(`SELECT ${COLUMNS} FROM users`);",
      "await sequelize.query(\n  // a comment first\n  `SELECT * FROM users WHERE id = ${id}`,\n);",
      // A prepared statement's text follows the same rule, whether written in the call or named there.
      'await preparedQuery(sequelize, { name: "u", text: `SELECT * FROM users WHERE id = ${id}`, values: [] });',
      'await preparedQuery<User>(sequelize, { name: "u", text: sql, values: [id] });',
      'const USERS = `SELECT * FROM users WHERE id = ${id}`; await preparedQuery(sequelize, { name: "u", text: USERS, values: [] });',
      'await preparedQuery(sequelize, { name: "u", text: "SELECT * FROM users WHERE id = " + id, values: [] });',
      // An imported constant counts only when its module is read and it is fixed text there.
      'import { CTE } from "./other"; await sequelize.query(`WITH ${CTE} SELECT 1`);',
    ];
    for (const source of planted) expect(interpolatedSqlCalls(source), source).toHaveLength(1);

    const fine = [
      "await sequelize.query(`SELECT * FROM users WHERE id = :id`, { replacements: { id } });",
      "await sequelize.query<User>(`SELECT * FROM users WHERE id = $1`, { bind: [id] });",
      "await client.query(`create database ${client.escapeIdentifier(database)}`);",
      "const SELECT_USERS = `SELECT id, name FROM users`;\nawait sequelize.query<User>(`${SELECT_USERS} WHERE id = :id`, { replacements: { id } });",
      'User.update({ attempts: literal("attempts + 1") }, { where: {} });',
      'const USERS = `SELECT * FROM users WHERE id = $1`; await preparedQuery(sequelize, { name: "u", text: USERS, values: [id] });',
      'const COLUMNS = `id, name`;\nconst USERS = `SELECT ${COLUMNS} FROM users WHERE id = $1`;\nawait preparedQuery(sequelize, { name: "u", text: USERS, values: [id] });',
      'const COLUMNS = `id, name`; await preparedQuery(sequelize, { name: "u", text: `SELECT ${COLUMNS} FROM users WHERE id = $1`, values: [id] });',
    ];
    for (const source of fine) expect(interpolatedSqlCalls(source), source).toEqual([]);

    const imported = 'import { CTE } from "./other"; await sequelize.query(`WITH ${CTE} SELECT 1`);';
    expect(interpolatedSqlCalls(imported, () => "export const CTE = `c AS (SELECT 1)`;")).toEqual([]);
    expect(interpolatedSqlCalls(imported, () => "export const CTE = `c AS (SELECT ${n})`;")).toHaveLength(1);
  });

  it("draws every token, session id and nonce from node:crypto (Math.random appears nowhere in server/ or app/)", () => {
    const offenders = [...filesUnder("server", /\.ts$/), ...filesUnder("app", /\.tsx?$/)].filter((file) =>
      /\bMath\.random\b/.test(fs.readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
    const tokens = fs.readFileSync("server/services/tokens.ts", "utf8");
    expect(tokens).toMatch(/import \{[^}]*\brandomBytes\b[^}]*\} from "node:crypto"/);
    for (const name of ["generateLinkToken", "generateSessionId"]) {
      const bytes = new RegExp(`function ${name}\\(\\): string \\{\\s*return randomBytes\\((\\d+)\\)`).exec(tokens)?.[1];
      expect(Number(bytes), `${name} returns randomBytes(n)`).toBeGreaterThanOrEqual(16);
    }
  });

  it("never renders raw HTML from data (dangerouslySetInnerHTML appears nowhere)", () => {
    const offenders = filesUnder("app", /\.tsx?$/).filter((file) => fs.readFileSync(file, "utf8").includes("dangerouslySetInnerHTML"));
    expect(offenders).toEqual([]);
  });

  it("keeps routes off the database, email and LiveKit SDKs and the repositories", () => {
    const forbidden = /from ["'](sequelize|pg|@sendgrid\/mail|node-mailjet|livekit-server-sdk)["']|server\/repositories/;
    const offenders = filesUnder("app/routes", /\.tsx?$/).filter((file) => forbidden.test(fs.readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("ships no server secret in the browser build", () => {
    const client = filesUnder("public/build", /\.js$/)
      .map((file) => fs.readFileSync(file, "utf8"))
      .join("\n");
    expect(client.length).toBeGreaterThan(0);
    for (const name of [
      "JWT_SECRET",
      "SESSION_SECRET",
      "LIVEKIT_API_SECRET",
      "SENDGRID_API_KEY",
      "MAILJET_SECRET_KEY",
      "jwtSecret",
      "sessionSecret",
    ]) {
      expect(client).not.toContain(name);
    }
  });
});
