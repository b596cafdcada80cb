import type { ActionFunctionArgs } from "@remix-run/node";
import { done, methodNotAllowed, requireApiSession } from "~/api/http.server";

/** POST /api/rooms/{roomId}/leave: anyone but the owner (who hands the room over first). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { user } = await requireApiSession(request, context);
  await context.services.memberships.leave(user.id, params.roomId);
  return done("You left the room.");
}

export const loader = () => methodNotAllowed(["POST"]);
