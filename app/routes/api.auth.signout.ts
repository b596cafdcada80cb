import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, noContent, requireApiSession } from "~/api/http.server";

/** POST /api/auth/signout: ends the session the token (or cookie) belongs to. */
export const action = ({ request, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const session = await requireApiSession(request, context);
    await context.services.auth.signOut(session.sessionId);
    return noContent();
  });

export const loader = () => methodNotAllowed(["POST"]);
