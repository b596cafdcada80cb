import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, requireApiSession, respond } from "~/api/http.server";
import { InviteListOut } from "~/api/schemas";

/** GET /api/invites: invitations sent to my address that are still pending (expired ones marked). */
export const loader = ({ request, context }: LoaderFunctionArgs) =>
  api(async () => {
    const { user } = await requireApiSession(request, context);
    return respond(InviteListOut, { invites: await context.services.participants.listReceived(user) });
  });

export const action = () => methodNotAllowed(["GET"]);
