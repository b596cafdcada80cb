import type { ActionFunctionArgs } from "@remix-run/node";
import { done, methodNotAllowed, readJson } from "~/api/http.server";
import { ResetRequestBody } from "~/api/schemas";
import { requestOrigin } from "~/utils/forms.server";

/** POST /api/auth/reset-password: emails a reset link if the address has an account; the answer never says whether. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { email } = await readJson(request, ResetRequestBody);
  await context.services.passwordReset.requestReset(email, requestOrigin(request, context));
  return done("If an account uses that address, a reset link is on its way.");
}

export const loader = () => methodNotAllowed(["POST"]);
