import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, noContent, requireApiSession } from "~/api/http.server";

/** POST /api/auth/signout: ends the session the token (or cookie) belongs to. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const session = await requireApiSession(request, context);
  await context.services.auth.signOut(session.sessionId);
  return noContent();
}

export const loader = () => methodNotAllowed(["POST"]);
