import type { ActionFunctionArgs } from "@remix-run/node";
import { PasswordResetRequestSchema } from "../../server/schemas/auth";
import { api, methodNotAllowed, readJson, respond } from "~/api/http.server";
import { MessageOut } from "~/api/schemas";
import { requestOrigin } from "~/utils/forms.server";

/** POST /api/auth/reset-password: emails a reset link if the address has an account; the answer never says whether. */
export const action = ({ request, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const { email } = await readJson(request, PasswordResetRequestSchema);
    await context.services.passwordReset.requestReset(email, requestOrigin(request, context));
    return respond(MessageOut, { message: "If an account uses that address, a reset link is on its way." }, 202);
  });

export const loader = () => methodNotAllowed(["POST"]);
