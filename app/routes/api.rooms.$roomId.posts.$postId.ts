import type { ActionFunctionArgs } from "@remix-run/node";
import { done, methodNotAllowed, requireApiSession } from "~/api/http.server";

/** DELETE /api/rooms/{roomId}/posts/{postId}: by its author or the room's owner (a soft delete). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["DELETE"]);
  const { user } = await requireApiSession(request, context);
  await context.services.posts.delete(user.id, params.roomId!, params.postId!);
  return done("Post deleted.");
}

export const loader = () => methodNotAllowed(["DELETE"]);
