import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const RANDOM = () => randomBytes(32).toString("base64");
const PRODUCTION = {
  NODE_ENV: "production",
  APP_URL: "https://parley.example",
  DATABASE_URL: "postgres://parley@db.example/parley",
  EMAIL_PROVIDER: "sendgrid",
  SENDGRID_API_KEY: "SG.never-used",
  SESSION_SECRET: RANDOM(),
  JWT_SECRET: RANDOM(),
};

function problemsOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return "";
}

describe("safe defaults", () => {
  it("development binds to 127.0.0.1 unless HOST says otherwise, so /dev/mail never faces the LAN", () => {
    const dev = { NODE_ENV: "development", SESSION_SECRET: RANDOM(), JWT_SECRET: RANDOM() };
    expect(loadConfig(dev).host).toBe("127.0.0.1");
    expect(loadConfig({ ...dev, HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });

  it("production binds as HOST says, 0.0.0.0 by default", () => {
    expect(loadConfig(PRODUCTION).host).toBe("0.0.0.0");
    expect(loadConfig({ ...PRODUCTION, HOST: "10.0.0.5" }).host).toBe("10.0.0.5");
  });

  it("production refuses to start without DATABASE_URL (no embedded database in production)", () => {
    expect(problemsOf({ ...PRODUCTION, DATABASE_URL: undefined })).toMatch(/DATABASE_URL: DATABASE_URL is required in production/);
  });

  it("production refuses LiveKit's development key pair devkey/secret on a LiveKit server other than this machine", () => {
    const devPair = { LIVEKIT_API_KEY: "devkey", LIVEKIT_API_SECRET: "secret" };
    expect(problemsOf({ ...PRODUCTION, ...devPair, LIVEKIT_URL: "wss://parley.livekit.cloud" })).toMatch(
      /LIVEKIT_API_SECRET: .*devkey\/secret/,
    );
    expect(
      problemsOf({ ...PRODUCTION, LIVEKIT_API_KEY: "APIabc", LIVEKIT_API_SECRET: "secret", LIVEKIT_URL: "wss://parley.livekit.cloud" }),
    ).toMatch(/LIVEKIT_API_SECRET/);
    // A LiveKit server on loopback (the benchmarks' and resilience runs' own) is not reachable with it from elsewhere.
    expect(problemsOf({ ...PRODUCTION, ...devPair, LIVEKIT_URL: "ws://127.0.0.1:7880" })).toBe("");
    expect(
      problemsOf({ ...PRODUCTION, LIVEKIT_API_KEY: "APIabc", LIVEKIT_API_SECRET: RANDOM(), LIVEKIT_URL: "wss://parley.livekit.cloud" }),
    ).toBe("");
  });

  describe("secrets are checked for entropy, not only length", () => {
    it.each([
      ["one repeated character", "x".repeat(40)],
      ["a short pattern repeated", "abc".repeat(14)],
      ["few distinct characters", "0101100110101001011010011001011010010110"],
      ["a word repeated", "password".repeat(5)],
    ])("%s is refused", (_name, value) => {
      const message = problemsOf({ ...PRODUCTION, SESSION_SECRET: value, JWT_SECRET: value });
      expect(message).toMatch(/SESSION_SECRET: .*not random enough/);
      expect(message).toMatch(/JWT_SECRET: .*not random enough/);
    });

    it.each([
      ["base64 of 32 random bytes", () => randomBytes(32).toString("base64")],
      ["base64url of 48 random bytes", () => randomBytes(48).toString("base64url")],
      ["hex of 32 random bytes", () => randomBytes(32).toString("hex")],
    ])("%s passes", (_name, make) => {
      expect(problemsOf({ ...PRODUCTION, SESSION_SECRET: make(), JWT_SECRET: make() })).toBe("");
    });
  });

  it("CORS_ALLOWED_ORIGINS is empty by default (no CORS) and takes only whole origins, never *", () => {
    expect(loadConfig({ NODE_ENV: "test" }).corsAllowedOrigins).toEqual([]);
    expect(
      loadConfig({ NODE_ENV: "test", CORS_ALLOWED_ORIGINS: " https://App.example.com/ ,http://localhost:3001" }).corsAllowedOrigins,
    ).toEqual(["https://app.example.com", "http://localhost:3001"]);
    for (const bad of ["*", "https://app.example.com/path", "app.example.com", "https://*.example.com"]) {
      expect(problemsOf({ NODE_ENV: "test", CORS_ALLOWED_ORIGINS: bad }), bad).toContain("CORS_ALLOWED_ORIGINS");
    }
  });

  it("one message names every bad variable", () => {
    const message = problemsOf({
      ...PRODUCTION,
      DATABASE_URL: undefined,
      SESSION_SECRET: "y".repeat(40),
      LIVEKIT_URL: "wss://x.livekit.cloud",
      LIVEKIT_API_KEY: "devkey",
      LIVEKIT_API_SECRET: "secret",
    });
    for (const name of ["DATABASE_URL", "SESSION_SECRET", "LIVEKIT_API_SECRET"]) expect(message).toContain(`${name}:`);
  });
});
