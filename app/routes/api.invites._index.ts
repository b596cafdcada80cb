import type { LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, requireApiSession, respond } from "~/api/http.server";
import { InviteListOut } from "~/api/schemas";
import { inviteOut } from "~/api/serialize";

/** GET /api/invites: invitations sent to my proven address that are still pending (expired ones marked). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireApiSession(request, context);
  return respond(InviteListOut, (await context.services.participants.listReceived(user)).map(inviteOut));
}

export const action = () => methodNotAllowed(["GET"]);
