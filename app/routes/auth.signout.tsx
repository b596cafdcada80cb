import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";
import { destroySessionCookie, getSession } from "~/utils/session.server";

/** Signing out is a POST only: a GET (a link, a prefetch, an image tag) changes nothing. */
export async function loader() {
  return redirect("/");
}

/** An optional `redirectTo` field (same-site paths only) says where to land, e.g. back on an invite link. */
export async function action({ request, context }: ActionFunctionArgs) {
  // Signing out never fails for want of a form body; only a real form can name where to go.
  const isForm = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(request.headers.get("content-type") ?? "");
  const redirectTo = isForm ? (await readForm(request, context)).get("redirectTo") : null;
  const session = await getSession(request, context);
  if (session) await context.services.auth.signOut(session.sessionId);
  const headers = new Headers();
  headers.append("Set-Cookie", await destroySessionCookie(context));
  headers.append("Set-Cookie", await setFlash(context, { kind: "info", message: "You have signed out." }));
  headers.append("Clear-Site-Data", '"cache", "storage"');
  return redirect(safeRedirect(redirectTo, "/auth/signin"), { headers });
}
