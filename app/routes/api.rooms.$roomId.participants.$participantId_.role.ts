import type { ActionFunctionArgs } from "@remix-run/node";
import { SetRoleApiSchema } from "../../server/schemas/memberships";
import { methodNotAllowed, readJson, requireApiSession, respond } from "~/api/http.server";
import { MemberOut, memberOut } from "~/api/membership-schemas";

/** PUT /api/rooms/{roomId}/participants/{participantId}/role `{role: "moderator" | "participant"}`: the owner only. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed(["PUT"]);
  const { user } = await requireApiSession(request, context);
  const { role } = await readJson(request, SetRoleApiSchema);
  return respond(MemberOut, memberOut(await context.services.memberships.setRole(user.id, params.roomId, params.participantId!, role)));
}

export const loader = () => methodNotAllowed(["PUT"]);
