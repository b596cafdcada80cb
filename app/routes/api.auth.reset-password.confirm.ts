import type { ActionFunctionArgs } from "@remix-run/node";
import { done, methodNotAllowed, readJson, renamingFields } from "~/api/http.server";
import { ResetConfirmBody } from "~/api/schemas";
import { requestOrigin } from "~/utils/forms.server";

/** POST /api/auth/reset-password/confirm: the emailed token and a new password; every session ends. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { token, new_password: password } = await readJson(request, ResetConfirmBody);
  await context.services.passwordReset
    .resetPassword({ token, password }, requestOrigin(request, context))
    .catch(renamingFields((field) => (field === "password" ? "new_password" : field)));
  return done("Your password has been changed. Sign in with the new one.");
}

export const loader = () => methodNotAllowed(["POST"]);
