import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { honeypotFields, postForm } from "../support/http-client";
import { startTestServer } from "../support/test-server";

// Forms crafted against the form parser itself (found by the form fuzz, tests/resilience/form-fuzz.ts):
// each used to answer 500, or to take the server minutes of CPU. Now each is a quick 400.
let server: Awaited<ReturnType<typeof startTestServer>>;
let cookie = "";
let membersPath = "";

beforeAll(async () => {
  server = await startTestServer();
  const password = "hostile forms passphrase";
  const signup = await postForm(server.url, "/auth/signup", {
    ...(await honeypotFields(server.url, "/auth/signup")),
    username: "hostile_forms",
    email: "hostile.forms@example.test",
    name: "Hostile Forms",
    password,
    confirmPassword: password,
  });
  cookie = `parley_session=${signup.cookies.parley_session}`;
  const created = await postForm(server.url, "/home/new", { name: "Targets" }, { Cookie: cookie });
  membersPath = `${created.headers.location}/members/new`;
});
afterAll(async () => {
  await server?.close();
});

describe("a hostile form is refused with 400, quickly", () => {
  it.each([
    ["a conform intent that is not JSON", { "rows[0].email": "a@b.test", __intent__: "password" }],
    [
      "a list intent aimed at a field that is not a list",
      { "rows[0].email": "a@b.test", __intent__: '{"type":"remove","payload":{"name":"rows[0].email","index":0}}' },
    ],
    ["a list index of 99,999 (the page rendered 100,000 rows)", { "rows[99999].name": "x" }],
    ["names nested thousands deep", { [`a${"[0]".repeat(5000)}`]: "x" }],
  ])("%s", async (_what, fields) => {
    const started = Date.now();
    const response = await postForm(server.url, membersPath, fields, { Cookie: cookie });
    expect(response.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("adding people, without JavaScript", () => {
  it.each([
    ["`rows` sent as one value", { rows: "POST" }],
    ["`rows` sent as an object", { "rows.email": "a@b.test" }],
  ])("re-renders the form when %s (it used to throw rendering it: 500)", async (_what, fields) => {
    const response = await postForm(server.url, membersPath, fields, { Cookie: cookie });
    expect(response.status).toBe(400);
    expect(response.body).toContain("Add participants");
  });
});
