import type { ActionFunctionArgs } from "@remix-run/node";
import { PasswordResetSchema } from "../../server/schemas/auth";
import { api, methodNotAllowed, noContent, readJson } from "~/api/http.server";
import { requestOrigin } from "~/utils/forms.server";

/** POST /api/auth/reset-password/confirm: the emailed token and a new password; every session ends. */
export const action = ({ request, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const { confirmPassword: _, ...input } = await readJson(request, PasswordResetSchema);
    await context.services.passwordReset.resetPassword(input, requestOrigin(request, context));
    return noContent();
  });

export const loader = () => methodNotAllowed(["POST"]);
