import type { ActionFunctionArgs } from "@remix-run/node";
import { done, methodNotAllowed, requireApiSession } from "~/api/http.server";

/** POST /api/invites/{inviteId}/decline: leaves the room's list, invitation and all. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { user } = await requireApiSession(request, context);
  await context.services.participants.decline(user, params.inviteId!);
  return done("Invitation declined.");
}

export const loader = () => methodNotAllowed(["POST"]);
