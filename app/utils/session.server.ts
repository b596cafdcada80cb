import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import type { AuthenticatedSession, IssuedSession } from "../../server/services/sessions";

/**
 * The session cookie holds the JWT; the services check it against its `sessions` row on every
 * request. Production uses a `__Host-` name (Secure, no Domain, Path=/). On http://localhost in
 * development and tests a plain name without Secure is used, which every browser accepts.
 */
function sessionCookie(context: AppLoadContext) {
  return createCookie(context.secureCookies ? "__Host-parley_session" : "parley_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: context.secureCookies,
    path: "/",
  });
}

// Keyed by the load context, the one object every loader of an HTTP request shares (each gets its own Request).
const sessions = new WeakMap<AppLoadContext, Promise<AuthenticatedSession | null>>();

/** The current session (once per request, however many loaders ask). */
export function getSession(request: Request, context: AppLoadContext): Promise<AuthenticatedSession | null> {
  let pending = sessions.get(context);
  if (!pending) {
    pending = sessionCookie(context)
      .parse(request.headers.get("Cookie"))
      .then((token: unknown) => context.services.sessions.authenticate(typeof token === "string" ? token : null));
    sessions.set(context, pending);
  }
  return pending;
}

export async function getUser(request: Request, context: AppLoadContext) {
  return (await getSession(request, context))?.user ?? null;
}

/** Signed out → to sign-in, coming back here afterwards. */
export async function requireSession(request: Request, context: AppLoadContext): Promise<AuthenticatedSession> {
  const session = await getSession(request, context);
  if (!session) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/auth/signin?${new URLSearchParams({ redirectTo })}`);
  }
  return session;
}

export async function requireUser(request: Request, context: AppLoadContext) {
  return (await requireSession(request, context)).user;
}

/** Pages for signed-out people only (sign-in, sign-up, reset) send members home. */
export async function requireAnonymous(request: Request, context: AppLoadContext) {
  if (await getSession(request, context)) throw redirect("/home");
}

export function commitSessionCookie(context: AppLoadContext, session: IssuedSession) {
  return sessionCookie(context).serialize(session.token, { expires: session.expiresAt });
}

export function destroySessionCookie(context: AppLoadContext) {
  return sessionCookie(context).serialize("", { maxAge: 0 });
}
