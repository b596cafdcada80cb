import type { ActionFunctionArgs } from "@remix-run/node";
import { SignInSchema } from "../../server/schemas/auth";
import { api, methodNotAllowed, readJson, respond } from "~/api/http.server";
import { SessionOut } from "~/api/schemas";
import { requestOrigin } from "~/utils/forms.server";

/**
 * POST /api/auth/signin: a JWT bound to a new session row, exactly like the cookie's, so signing
 * out or resetting the password ends it. Same rate limits and messages as the page.
 */
export const action = ({ request, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const input = await readJson(request, SignInSchema);
    const { user, session } = await context.services.auth.signIn(input, requestOrigin(request, context));
    return respond(SessionOut, { token: session.token, expiresAt: session.expiresAt, user });
  });

export const loader = () => methodNotAllowed(["POST"]);
