import type { ActionFunctionArgs } from "@remix-run/node";
import { done, methodNotAllowed, requireApiSession } from "~/api/http.server";

/** DELETE /api/rooms/{roomId}/meeting/participants/{participantId}: out of the running meeting, still in the room (owner and moderators). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["DELETE"]);
  const { user } = await requireApiSession(request, context);
  await context.services.meetings.removeFromMeeting(user.id, params.roomId, params.participantId!);
  return done("Removed from the meeting.");
}

export const loader = () => methodNotAllowed(["DELETE"]);
