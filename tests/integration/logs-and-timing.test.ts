import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../server/logger";
import { signUpByForm } from "../support/http-accounts";
import { honeypotFields, postForm } from "../support/http-client";
import { latestResetLink, signUpTestUser, tokenOf } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ logger: createLogger("trace", capture) });
  await server.runtime.container.startWorkers(["reset-requests"]);
});
afterAll(async () => {
  await server?.close();
});

describe("logs", () => {
  it("record sign-in success and failure but never a password, reset token or session JWT", async () => {
    const { email, password, cookie } = await signUpByForm(server.url, { prefix: "logs" });
    const jwt = cookie.slice(cookie.indexOf("=") + 1);
    const signInFields = await honeypotFields(server.url, "/auth/signin");
    await postForm(server.url, "/auth/signin", { ...signInFields, email, password: "wrong password here" });
    const signedIn = await postForm(server.url, "/auth/signin", { ...signInFields, email, password });
    const secondJwt = signedIn.cookies.parley_session!;

    await postForm(server.url, "/auth/reset-password", { ...(await honeypotFields(server.url, "/auth/reset-password")), email });
    const token = tokenOf(await latestResetLink(server.runtime, email));
    await postForm(server.url, "/auth/reset-password-form", {
      token,
      password: "another fine passphrase",
      confirmPassword: "another fine passphrase",
    });

    const log = lines.join("");
    expect(log).toMatch(/"event":"login","outcome":"failure"/);
    expect(log).toMatch(/"event":"login","outcome":"success"/);
    for (const secret of [password, "another fine passphrase", token, decodeURIComponent(jwt), decodeURIComponent(secondJwt)]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe("timing", () => {
  it("an unknown email takes as long as a wrong password (median of 20, within max(30 ms, 20 %))", async () => {
    const { auth } = server.runtime.container.services;
    const { email } = await signUpTestUser(server.runtime, { prefix: "timing" });
    let ip = 0;
    async function time(input: { email: string; password: string }) {
      const started = performance.now();
      await auth.signIn(input, { ip: `203.0.113.${(ip++ % 200) + 10}` }).catch(() => undefined);
      return performance.now() - started;
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 20; i++) {
      wrong.push(await time({ email, password: `wrong password ${i}` }));
      unknown.push(await time({ email: `nobody${i}@example.test`, password: `wrong password ${i}` }));
    }
    const [a, b] = [median(wrong), median(unknown)];
    expect(Math.abs(a - b)).toBeLessThan(Math.max(30, 0.2 * Math.max(a, b)));
    // 40 hashes at the production cost: seconds on a quiet machine, much longer on a loaded one.
  }, 180_000);
});
