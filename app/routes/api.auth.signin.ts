import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, readJson, respond } from "~/api/http.server";
import { AuthOut, SignInBody } from "~/api/schemas";
import { authOut } from "~/api/serialize";
import { requestOrigin } from "~/utils/forms.server";

/**
 * POST /api/auth/signin: a JWT bound to a new session row, exactly like the cookie's, so signing
 * out or resetting the password ends it. Same rate limits and messages as the page. No LiveKit
 * token here: one is minted per room at join (docs/decisions/006-api-wire-format.md).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const input = await readJson(request, SignInBody);
  const { user, session } = await context.services.auth.signIn(input, requestOrigin(request, context));
  return respond(AuthOut, authOut(user, session));
}

export const loader = () => methodNotAllowed(["POST"]);
