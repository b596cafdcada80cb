import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, readJson, respond } from "~/api/http.server";
import { AuthOut, SignUpBody } from "~/api/schemas";
import { authOut } from "~/api/serialize";
import { requestOrigin } from "~/utils/forms.server";

/** POST /api/auth/signup: the sign-up form's rules; answers with a session token, like sign-in. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { confirm_password: _, ...input } = await readJson(request, SignUpBody);
  const { user, session } = await context.services.auth.signUp(input, requestOrigin(request, context));
  return respond(AuthOut, authOut(user, session), 201);
}

export const loader = () => methodNotAllowed(["POST"]);
