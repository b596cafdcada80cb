import { signUpForCookie } from "../../bench/bench-server";
import { honeypotFieldsIn } from "../support/honeypot";
import { newUserData, TEST_PASSWORD } from "../support/user-factory";

/**
 * Drives a running Parley as its users do, through the same forms and JSON API, for the scenarios.
 * `clientIp` sets X-Forwarded-For: the server runs with TRUST_PROXY=loopback, as behind a proxy,
 * so several people can be told apart (rate limits are per person and per IP, as in production).
 */

/** The password of everyone signed up through `signUpByApi` (the factory's). */
export const PASSPHRASE = TEST_PASSWORD;

async function expectStatus(response: Response, ok: (status: number) => boolean, what: string) {
  if (!ok(response.status)) throw new Error(`${what}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response;
}

/** A signed-in room owner (session cookie, as the pages use it) with one room of their own. */
export async function roomOwner(url: string, id: string) {
  const { cookie, email } = await signUpForCookie(url, id);
  const headers = { Cookie: cookie, Origin: url, "Content-Type": "application/json" };
  const created = await expectStatus(
    await fetch(`${url}/api/rooms`, { method: "POST", headers, body: JSON.stringify({ room_name: `Room of ${id}` }) }),
    (s) => s === 201,
    "creating a room",
  );
  const roomId = ((await created.json()) as { id: string }).id;
  return {
    cookie,
    email,
    roomId,
    /** Adds people to the room through the JSON API, all at once; each gets an invite email. */
    async invite(people: Array<{ email: string; name: string }>) {
      await expectStatus(
        await fetch(`${url}/api/rooms/${roomId}/participants`, { method: "POST", headers, body: JSON.stringify({ participants: people }) }),
        (s) => s === 201,
        "adding participants",
      );
    },
  };
}

/**
 * Signs someone up through the JSON API (which queues their address-verification email); returns their
 * Bearer token. Whatever `chosen` leaves out comes from the shared user factory.
 */
export async function signUpByApi(url: string, chosen: Parameters<typeof newUserData>[0], clientIp: string) {
  const person = newUserData(chosen);
  const response = await expectStatus(
    await fetch(`${url}/api/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": clientIp },
      body: JSON.stringify({ ...person, confirm_password: person.password }),
    }),
    (s) => s === 201,
    `signing up ${person.email}`,
  );
  return ((await response.json()) as { token: string }).token;
}

/** Calls the JSON API as one person (a Bearer token, or the session cookie from Parley's own pages); throws unless 2xx. */
export function apiAs(url: string, auth: { token: string } | { cookie: string }) {
  const headers: Record<string, string> =
    "token" in auth ? { Authorization: `Bearer ${auth.token}` } : { Cookie: auth.cookie, Origin: url };
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await expectStatus(
      await fetch(`${url}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      (s) => s >= 200 && s < 300,
      `${method} ${path}`,
    );
    return (response.status === 204 ? {} : await response.json()) as T;
  };
}

/** "Forgot your password?" through the page's form, without JavaScript, honeypot fields as rendered. */
export async function requestResetByForm(url: string, email: string, clientIp: string) {
  const page = await fetch(`${url}/auth/reset-password`, { headers: { "X-Forwarded-For": clientIp } });
  const response = await expectStatus(
    await fetch(`${url}/auth/reset-password`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url, "X-Forwarded-For": clientIp },
      body: new URLSearchParams({ email, ...honeypotFieldsIn(await page.text()) }),
    }),
    (s) => s === 200,
    `asking for a reset link for ${email}`,
  );
  if (!(await response.text()).includes("Check your email")) throw new Error(`the reset form did not confirm for ${email}`);
}

/** The pages a member uses, read with their cookie: each must answer 200. Returns the slowest time. */
export async function readPages(url: string, cookie: string, roomId: string) {
  let slowestMs = 0;
  for (const path of ["/healthz", "/home", `/room/${roomId}`, `/room/${roomId}?members=open`, "/invites", "/auth/reset-password"]) {
    const started = Date.now();
    const response = await fetch(`${url}${path}`, { headers: path.startsWith("/auth") ? {} : { Cookie: cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    slowestMs = Math.max(slowestMs, Date.now() - started);
  }
  return slowestMs;
}
