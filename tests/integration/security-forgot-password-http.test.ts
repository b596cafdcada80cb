import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { honeypotFields, postForm, type RawResponse } from "../support/http-client";
import { resetRequestsHandled, signUpTestUser } from "../support/test-runtime";
import { startTestServer } from "../support/test-server";

// SECURITY.md item 10: "forgot password" tells nobody whether an address has an account.
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  // Each request names its own client (X-Forwarded-For from a trusted loopback proxy), so the
  // per-IP limit never answers instead of the page under test.
  server = await startTestServer({ env: { TRUST_PROXY: "loopback" } });
  await server.runtime.container.startWorkers(["reset-requests"]);
});
afterAll(async () => {
  await server?.close();
});

const TRIES = 20;
let ip = 0;
const nextIp = () => `198.51.${Math.floor(ip / 250) % 250}.${ip++ % 250}`;

/** The page with what legitimately differs removed: the echoed address, nonces, honeypot values. */
const comparable = (response: RawResponse, email: string) =>
  response.body
    .replaceAll(email, "EMAIL")
    .replace(/nonce="[^"]+"/g, "")
    .replace(/value="[^"]*"/g, "")
    .replace(/"encryptedValidFrom":"[^"]*"/g, "")
    .replace(/"from__confirm":"[^"]*"/g, "");
const cookieNames = (response: RawResponse) => Object.keys(response.cookies).sort();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("item 10: forgot password for a known and an unknown address", () => {
  it("answers the same (status, body, Set-Cookie names), as fast (median of 20 within max(30 ms, 20 %)), and emails only the account", async () => {
    const known = await Promise.all(Array.from({ length: TRIES + 2 }, () => signUpTestUser(server.runtime, { prefix: "fp" })));
    const unknown = known.map((user) => `nobody.${user.email}`);
    const fields = await honeypotFields(server.url, "/auth/reset-password");
    const ask = async (email: string) => {
      const started = performance.now();
      const response = await postForm(server.url, "/auth/reset-password", { ...fields, email }, { "X-Forwarded-For": nextIp() });
      return { response, ms: performance.now() - started };
    };

    // Two warm-up rounds (first requests compile code paths), then interleaved measured pairs,
    // each kind going first in every other pair, so load from the machine or from the worker
    // handling earlier requests falls on both alike.
    for (let i = 0; i < 2; i++) {
      await ask(known[i]!.email);
      await ask(unknown[i]!);
    }
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 2; i < TRIES + 2; i++) {
      const knownFirst = i % 2 === 0;
      const first = await ask(knownFirst ? known[i]!.email : unknown[i]!);
      const second = await ask(knownFirst ? unknown[i]! : known[i]!.email);
      const [a, b] = knownFirst ? [first, second] : [second, first];
      expect(a.response.status).toBe(200);
      expect(b.response.status).toBe(a.response.status);
      expect(comparable(b.response, unknown[i]!)).toBe(comparable(a.response, known[i]!.email));
      expect(cookieNames(b.response)).toEqual(cookieNames(a.response));
      times.known.push(a.ms);
      times.unknown.push(b.ms);
    }
    const [k, u] = [median(times.known), median(times.unknown)];
    expect(Math.abs(k - u), `medians: known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms`).toBeLessThan(
      Math.max(30, 0.2 * Math.max(k, u)),
    );

    // The emails are written by the reset-request worker, after the answer.
    await resetRequestsHandled(server.runtime);
    const [rows] = await server.runtime.sequelize.query(
      "select to_email from email_outbox where kind = 'password-reset' and to_email in (:emails)",
      { replacements: { emails: [...known.map((user) => user.email), ...unknown] } },
    );
    const recipients = (rows as Array<{ to_email: string }>).map((row) => row.to_email).sort();
    expect(recipients).toEqual(known.map((user) => user.email).sort());
  });
});
