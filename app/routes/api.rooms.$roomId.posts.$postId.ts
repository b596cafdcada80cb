import type { ActionFunctionArgs } from "@remix-run/node";
import { done, methodNotAllowed, readJson, requireApiSession, respond } from "~/api/http.server";
import { PostBody, PostOut } from "~/api/schemas";
import { postOut } from "~/api/serialize";

/**
 * PATCH /api/rooms/{roomId}/posts/{postId}: its author changes its words (not once deleted).
 * DELETE: by its author, a moderator or the room's owner (a soft delete).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method === "PATCH") {
    const { user } = await requireApiSession(request, context);
    const input = await readJson(request, PostBody);
    return respond(PostOut, postOut(await context.services.posts.edit(user.id, params.roomId!, params.postId!, input)));
  }
  if (request.method !== "DELETE") return methodNotAllowed(["PATCH", "DELETE"]);
  const { user } = await requireApiSession(request, context);
  await context.services.posts.delete(user.id, params.roomId!, params.postId!);
  return done("Post deleted.");
}

export const loader = () => methodNotAllowed(["PATCH", "DELETE"]);
