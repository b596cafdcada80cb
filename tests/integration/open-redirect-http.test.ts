import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { form, honeypotFields, rawRequest, type RawResponse } from "../support/http-client";
import { OFFSITE_REDIRECTS } from "../support/redirect-spellings";
import { startTestServer } from "../support/test-server";
import { newUserData } from "../support/user-factory";

let server: Awaited<ReturnType<typeof startTestServer>>;
let sequence = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Each sign-up from its own loopback address, so the per-IP sign-up limit never decides the outcome. */
const nextClient = () => `127.0.0.${10 + sequence++}`;

/** Where the browser lands after following the Location header (JS off). */
function expectStaysOnSite(response: RawResponse) {
  expect(response.status).toBe(302);
  const landing = new URL(response.headers.location!, server.url);
  expect(landing.origin).toBe(server.url);
  expect(landing.pathname.startsWith("//")).toBe(false);
}

describe.each(OFFSITE_REDIRECTS)("redirectTo %j never leaves the site (no JS)", (target) => {
  it("after sign-up, sign-in and sign-out", async () => {
    const localAddress = nextClient();
    const user = newUserData({ prefix: "r", name: "Rae" });
    const signUpPath = `/auth/signup?${new URLSearchParams({ redirectTo: target })}`;
    const signedUp = await rawPost(
      signUpPath,
      { ...(await honeypotFields(server.url, signUpPath)), ...user, confirmPassword: user.password },
      { localAddress },
    );
    expectStaysOnSite(signedUp);

    const signedIn = await rawPost(
      "/auth/signin",
      { ...(await honeypotFields(server.url, "/auth/signin")), email: user.email, password: user.password, redirectTo: target },
      { localAddress },
    );
    expectStaysOnSite(signedIn);

    const signedOut = await rawPost(
      "/auth/signout",
      { redirectTo: target },
      { localAddress, cookie: `parley_session=${signedIn.cookies.parley_session}` },
    );
    expectStaysOnSite(signedOut);
  });
});

function rawPost(path: string, fields: Record<string, string>, options: { localAddress: string; cookie?: string }) {
  return rawRequest(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(options.cookie ? { Cookie: options.cookie } : {}),
    },
    body: form(fields),
    localAddress: options.localAddress,
  });
}
