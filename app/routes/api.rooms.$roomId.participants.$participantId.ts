import type { ActionFunctionArgs } from "@remix-run/node";
import { done, methodNotAllowed, requireApiSession } from "~/api/http.server";

/** DELETE /api/rooms/{roomId}/participants/{participantId}: owner only; also takes them out of a running meeting. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["DELETE"]);
  const { user } = await requireApiSession(request, context);
  await context.services.participants.remove(user.id, params.roomId!, params.participantId!);
  return done("Participant removed.");
}

export const loader = () => methodNotAllowed(["DELETE"]);
