import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, readJson, requireApiSession, respond } from "~/api/http.server";
import { ReadBody, ReadPointOut } from "~/api/schemas";
import { readPointOut } from "~/api/serialize";

/** POST /api/rooms/{roomId}/read: the caller has read up to `post_id` (or the newest post); never moves back. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { user } = await requireApiSession(request, context);
  const { post_id: postId } = await readJson(request, ReadBody);
  return respond(ReadPointOut, readPointOut(await context.services.readPoints.markRead(user.id, params.roomId, postId)));
}

export const loader = () => methodNotAllowed(["POST"]);
