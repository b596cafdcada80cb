import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, noContent, requireApiSession } from "~/api/http.server";

/** DELETE /api/rooms/{roomId}/participants/{participantId}: owner only; also takes them out of a running meeting. */
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "DELETE") return methodNotAllowed(["DELETE"]);
    const { user } = await requireApiSession(request, context);
    await context.services.participants.remove(user.id, params.roomId!, params.participantId!);
    return noContent();
  });

export const loader = () => methodNotAllowed(["DELETE"]);
