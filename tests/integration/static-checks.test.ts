import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}

describe("static checks of the source", () => {
  it("builds no SQL from interpolated strings (only replacements or bind)", () => {
    const offenders = [...filesUnder("server", /\.ts$/), ...filesUnder("migrations", /\.ts$/)].filter((file) =>
      // An interpolated identifier must go through escapeIdentifier; values never interpolate.
      /\.query\(\s*`[^`]*\$\{(?!\w+\.escapeIdentifier\()/.test(fs.readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
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
    const client = filesUnder("public/build", /\.js$/).map((file) => fs.readFileSync(file, "utf8")).join("\n");
    expect(client.length).toBeGreaterThan(0);
    for (const name of ["JWT_SECRET", "SESSION_SECRET", "LIVEKIT_API_SECRET", "SENDGRID_API_KEY", "MAILJET_SECRET_KEY", "jwtSecret", "sessionSecret"]) {
      expect(client).not.toContain(name);
    }
  });
});
