import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { honeypotFields, postForm } from "../support/http-client";
import { queryRows } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";

// A server of its own: the counters start at zero.
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const PASSWORD = "a long enough passphrase";

describe("rate limits key on the real client address", () => {
  it("a client-sent X-Forwarded-For does not buy more sign-in attempts (no trusted proxy configured)", async () => {
    const user = { email: "limited@example.test" };
    const signup = await postForm(server.url, "/auth/signup", {
      ...(await honeypotFields(server.url, "/auth/signup")),
      username: "limited",
      email: user.email,
      name: "Lim",
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(signup.status).toBe(302);
    const fields = await honeypotFields(server.url, "/auth/signin");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await postForm(
        server.url,
        "/auth/signin",
        { ...fields, email: user.email, password: `wrong password ${attempt}` },
        { "X-Forwarded-For": `10.0.0.${attempt + 1}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    const last = await postForm(server.url, "/auth/signin", { ...fields, email: user.email, password: PASSWORD });
    expect(last.status).toBe(429);
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("holds under concurrency: of 30 simultaneous wrong guesses from one address, exactly 10 are checked, the rest refused", async () => {
    // The test above left this address blocked: start from clean counters, as a new address would.
    await queryRows(server.runtime, "delete from rate_limits");
    const email = "concurrent@example.test";
    const signup = await postForm(server.url, "/auth/signup", {
      ...(await honeypotFields(server.url, "/auth/signup")),
      username: "concurrent",
      email,
      name: "Con",
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(signup.status).toBe(302);
    const fields = await honeypotFields(server.url, "/auth/signin");
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => postForm(server.url, "/auth/signin", { ...fields, email, password: `a wrong guess ${i}` })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });
});
