import type { ActionFunctionArgs } from "@remix-run/node";
import { PostSchema } from "../../server/schemas/rooms";
import { api, methodNotAllowed, noContent, readJson, requireApiSession, respond } from "~/api/http.server";
import { FeedPostOut, feedPostOut } from "~/api/feed-schemas";

/**
 * PATCH /api/rooms/{roomId}/posts/{postId}: its author changes its words (not once deleted).
 * DELETE: by its author or the room's owner (a soft delete).
 */
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method === "PATCH") {
      const { user } = await requireApiSession(request, context);
      const input = await readJson(request, PostSchema);
      return respond(FeedPostOut, feedPostOut(await context.services.posts.edit(user.id, params.roomId!, params.postId!, input)));
    }
    if (request.method !== "DELETE") return methodNotAllowed(["PATCH", "DELETE"]);
    const { user } = await requireApiSession(request, context);
    await context.services.posts.delete(user.id, params.roomId!, params.postId!);
    return noContent();
  });

export const loader = () => methodNotAllowed(["PATCH", "DELETE"]);
