import { decodeJwt } from "jose";
import { expect } from "vitest";
import { honeypotFields, postForm, rawRequest } from "./http-client";
import { newUserData, TEST_PASSWORD } from "./user-factory";

export const TEST_PASSPHRASE = TEST_PASSWORD;

let sequence = 0;

export interface FormAccount {
  username: string;
  email: string;
  name: string;
  password: string;
  /** `parley_session=…`, ready for a Cookie header. */
  cookie: string;
}

/** A client address of its own per call: honoured (and so out of the per-IP limits) where the server trusts a loopback proxy. */
const nextClientIp = () => {
  const n = sequence++;
  return `203.0.${Math.floor(n / 250) % 250}.${n % 250}`;
};

/** A new account through the real sign-up form, which leaves it signed in. `prefix` names it (see newUserData). */
export async function signUpByForm(
  baseUrl: string,
  options: { prefix?: string; email?: string; name?: string; headers?: Record<string, string> } = {},
): Promise<FormAccount> {
  const { headers, prefix = "sec", ...chosen } = options;
  const user = newUserData({ prefix, ...chosen });
  const response = await postForm(
    baseUrl,
    "/auth/signup",
    { ...(await honeypotFields(baseUrl, "/auth/signup")), ...user, confirmPassword: user.password },
    { "X-Forwarded-For": nextClientIp(), ...headers },
  );
  expect(response.status, response.body.slice(0, 300)).toBe(302);
  return { ...user, cookie: sessionCookieOf(response.cookies) };
}

/** A fresh session through the real sign-in form. */
export async function signInByForm(baseUrl: string, email: string, password = TEST_PASSPHRASE, headers: Record<string, string> = {}) {
  const response = await postForm(
    baseUrl,
    "/auth/signin",
    { ...(await honeypotFields(baseUrl, "/auth/signin")), email, password },
    headers,
  );
  expect(response.status, response.body.slice(0, 300)).toBe(302);
  return sessionCookieOf(response.cookies);
}

function sessionCookieOf(cookies: Record<string, string>) {
  const value = cookies.parley_session;
  expect(value).toBeTruthy();
  return `parley_session=${value}`;
}

/** Whether a member page accepts this cookie. */
export async function isSignedIn(baseUrl: string, cookie: string) {
  return (await rawRequest(`${baseUrl}/home`, { headers: { Cookie: cookie } })).status === 200;
}

/** The JWT inside a session cookie (Remix stores the value as base64 of its JSON), and its claims. */
export function jwtOfSessionCookie(cookie: string) {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  const jwt = JSON.parse(Buffer.from(value, "base64").toString("utf8")) as string;
  return { jwt, claims: decodeJwt(jwt) };
}
