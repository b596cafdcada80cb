import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setFlash } from "~/utils/flash.server";
import { readForm, requestOrigin } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";
import { requireSession } from "~/utils/session.server";

/** The banner's Resend button posts here; a GET changes nothing. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(request, context);
  return redirect("/home");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireSession(request, context);
  const formData = await readForm(request, context);
  // One answer whether a link went out or the limit held it back (SECURITY 13).
  await context.services.emailVerification.resend(user, requestOrigin(request, context));
  const message = `If your address still needs confirming, a new link is on its way to ${user.email}. It works once, for 24 hours; older links no longer work.`;
  return redirect(safeRedirect(formData.get("redirectTo")), {
    headers: { "Set-Cookie": await setFlash(context, { kind: "info", message }) },
  });
}
