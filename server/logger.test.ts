import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, logFormatFor } from "./logger";

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => lines.join("") };
}

const SECRETS = { password: "a leaked passphrase", user: { password: "another passphrase", token: "a reset token" }, jwt: "eyJ.a.session" };

describe("logs", () => {
  it("are JSON lines with secrets redacted by default", () => {
    const out = sink();
    createLogger("info", out.stream).info(SECRETS, "signed in");
    const line = JSON.parse(out.text()) as Record<string, unknown>;
    expect(line).toMatchObject({
      msg: "signed in",
      password: "[redacted]",
      user: { password: "[redacted]", token: "[redacted]" },
      jwt: "[redacted]",
    });
  });

  it("are readable lines in pretty mode, with the same secrets redacted", () => {
    const out = sink();
    createLogger("info", out.stream, "pretty").info(SECRETS, "signed in");
    const text = out.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: signed in/);
    expect(text).toContain("[redacted]");
    for (const secret of ["a leaked passphrase", "another passphrase", "a reset token", "eyJ.a.session"])
      expect(text).not.toContain(secret);
  });

  it("are pretty only for a person at a terminal in development", () => {
    expect(logFormatFor("development", { isTTY: true })).toBe("pretty");
    expect(logFormatFor("development", { isTTY: false })).toBe("json");
    expect(logFormatFor("development", {})).toBe("json");
    expect(logFormatFor("production", { isTTY: true })).toBe("json");
    expect(logFormatFor("test", { isTTY: true })).toBe("json");
  });
});
