import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, noContent, requireApiSession } from "~/api/http.server";

/** DELETE /api/rooms/{roomId}/posts/{postId}: by its author or the room's owner (a soft delete). */
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "DELETE") return methodNotAllowed(["DELETE"]);
    const { user } = await requireApiSession(request, context);
    await context.services.posts.delete(user.id, params.roomId!, params.postId!);
    return noContent();
  });

export const loader = () => methodNotAllowed(["DELETE"]);
