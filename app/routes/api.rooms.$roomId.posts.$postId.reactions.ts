import type { ActionFunctionArgs } from "@remix-run/node";
import { ReactionSchema } from "../../server/schemas/reactions";
import { methodNotAllowed, readJson, requireApiSession, respond } from "~/api/http.server";
import { ReactionOut } from "~/api/schemas";

/** POST /api/rooms/{roomId}/posts/{postId}/reactions: `{"emoji": "👍"}` adds the caller's reaction, or takes it back. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { user } = await requireApiSession(request, context);
  const { emoji } = await readJson(request, ReactionSchema);
  return respond(ReactionOut, await context.services.posts.react(user.id, params.roomId!, params.postId!, emoji));
}

export const loader = () => methodNotAllowed(["POST"]);
