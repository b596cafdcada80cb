import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, requireApiSession, respond } from "~/api/http.server";
import { InviteLinkOut, inviteLinkOut } from "~/api/membership-schemas";

/**
 * POST /api/rooms/{roomId}/participants/{participantId}/invite-link: a fresh link to a pending
 * invitation (owner and moderators). A POST, because each call voids the link before it.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { user } = await requireApiSession(request, context);
  const share = await context.services.participants.shareInviteLink(user.id, params.roomId!, params.participantId!);
  return respond(InviteLinkOut, inviteLinkOut(share), 201);
}

export const loader = () => methodNotAllowed(["POST"]);
