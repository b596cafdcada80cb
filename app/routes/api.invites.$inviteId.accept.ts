import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, requireApiSession, respond } from "~/api/http.server";
import { AcceptedOut } from "~/api/schemas";

/** POST /api/invites/{inviteId}/accept: links my account to the room; it appears in my rooms. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { user } = await requireApiSession(request, context);
  const { roomId } = await context.services.participants.accept(user, params.inviteId!);
  return respond(AcceptedOut, { room_id: roomId });
}

export const loader = () => methodNotAllowed(["POST"]);
