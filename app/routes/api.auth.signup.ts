import type { ActionFunctionArgs } from "@remix-run/node";
import { SignUpSchema } from "../../server/schemas/auth";
import { api, methodNotAllowed, readJson, respond } from "~/api/http.server";
import { SessionOut } from "~/api/schemas";
import { requestOrigin } from "~/utils/forms.server";

/** POST /api/auth/signup: the sign-up form's rules; answers with a session token, like sign-in. */
export const action = ({ request, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const { confirmPassword: _, ...input } = await readJson(request, SignUpSchema);
    const { user, session } = await context.services.auth.signUp(input, requestOrigin(request, context));
    return respond(SessionOut, { token: session.token, expiresAt: session.expiresAt, user }, 201);
  });

export const loader = () => methodNotAllowed(["POST"]);
