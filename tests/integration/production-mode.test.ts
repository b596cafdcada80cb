import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";
import { honeypotFields, postForm, rawRequest } from "../support/http-client";
import { startTestServer } from "../support/test-server";

const PRODUCTION = {
  NODE_ENV: "production",
  EMAIL_PROVIDER: "sendgrid",
  SENDGRID_API_KEY: "SG.test-key-never-used",
};

describe("configuration", () => {
  it("refuses to start in production without secrets, naming each problem", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrowError(ConfigError);
    try {
      loadConfig({ NODE_ENV: "production" });
    } catch (error) {
      const message = (error as ConfigError).message;
      for (const name of ["APP_URL", "SESSION_SECRET", "JWT_SECRET", "EMAIL_PROVIDER"]) expect(message).toContain(name);
    }
  });

  it("refuses a short secret", () => {
    expect(() =>
      loadConfig({
        NODE_ENV: "production",
        APP_URL: "https://p.example",
        JWT_SECRET: "short",
        SESSION_SECRET: "x".repeat(40),
        EMAIL_PROVIDER: "mailjet",
        MAILJET_API_KEY: "k",
        MAILJET_SECRET_KEY: "s",
      }),
    ).toThrowError(/JWT_SECRET must be at least 32 characters/);
  });

  it("refuses a provider without its key", () => {
    expect(() => loadConfig({ EMAIL_PROVIDER: "sendgrid", DATA_DIR: ".data/test" })).toThrowError(/SENDGRID_API_KEY is required/);
    expect(() => loadConfig({ EMAIL_PROVIDER: "mailjet", DATA_DIR: ".data/test" })).toThrowError(/MAILJET_API_KEY is required/);
  });
});

describe("the app in production mode", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let sessionCookie = "";

  beforeAll(async () => {
    server = await startTestServer({ env: PRODUCTION });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends HSTS for a year or more, with subdomains", async () => {
    const response = await rawRequest(`${server.url}/auth/signin`);
    const hsts = String(response.headers["strict-transport-security"]);
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31536000);
    expect(hsts).toContain("includeSubDomains");
  });

  it("names the session cookie __Host- and marks it Secure", async () => {
    const password = "production passphrase 1";
    const response = await postForm(server.url, "/auth/signup", {
      ...(await honeypotFields(server.url, "/auth/signup")),
      username: "prod_user",
      email: "prod.user@example.test",
      name: "Prod User",
      password,
      confirmPassword: password,
    });
    expect(response.status).toBe(302);
    const line = response.setCookie.find((c) => c.startsWith("__Host-parley_session="))!;
    expect(line).toBeDefined();
    expect(line).toMatch(/;\s*Secure/i);
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*Path=\//);
    expect(line).not.toMatch(/Domain=/i);
    sessionCookie = line.split(";")[0]!;
  });

  it("has no development mailbox", async () => {
    expect((await rawRequest(`${server.url}/dev/mail`)).status).toBe(404);
  });

  it("answers an internal failure with a generic page: no stack, no SQL, no secret", async () => {
    // Break the database under the running app, then ask for a page that needs it.
    await server.runtime.sequelize.close();
    expect(sessionCookie).not.toBe("");
    const response = await rawRequest(`${server.url}/home`, { headers: { Cookie: sessionCookie } });
    expect(response.status).toBe(500);
    expect(response.body).toContain("Something went wrong");
    expect(response.body).not.toMatch(/\n\s+at /);
    for (const leak of ["Sequelize", "ConnectionManager", "SELECT", server.runtime.config.jwtSecret, server.runtime.config.sessionSecret]) {
      expect(response.body).not.toContain(leak);
    }
  });
});
