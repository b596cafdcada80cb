import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setFlash } from "~/utils/flash.server";
import { destroySessionCookie, getSession } from "~/utils/session.server";

/** Signing out is a POST only: a GET (a link, a prefetch, an image tag) changes nothing. */
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getSession(request, context);
  if (session) await context.services.auth.signOut(session.sessionId);
  const headers = new Headers();
  headers.append("Set-Cookie", await destroySessionCookie(context));
  headers.append("Set-Cookie", await setFlash(context, { kind: "info", message: "You have signed out." }));
  headers.append("Clear-Site-Data", '"cache", "storage"');
  return redirect("/auth/signin", { headers });
}
