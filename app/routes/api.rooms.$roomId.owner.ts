import type { ActionFunctionArgs } from "@remix-run/node";
import { HandOverApiSchema } from "../../server/schemas/memberships";
import { methodNotAllowed, readJson, requireApiSession, respond } from "~/api/http.server";
import { MemberOut, memberOut } from "~/api/membership-schemas";

/** PUT /api/rooms/{roomId}/owner `{participant_id}`: the owner hands the room to a member and becomes a moderator. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed(["PUT"]);
  const { user } = await requireApiSession(request, context);
  const body = await readJson(request, HandOverApiSchema);
  const { newOwner } = await context.services.memberships.handOver(user.id, params.roomId, body.participant_id);
  return respond(MemberOut, memberOut(newOwner));
}

export const loader = () => methodNotAllowed(["PUT"]);
