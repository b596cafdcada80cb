import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, requireApiSession, respond } from "~/api/http.server";
import { AcceptedOut } from "~/api/schemas";

/** POST /api/invites/{inviteId}/accept: links my account to the room; it appears in my rooms. */
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const { user } = await requireApiSession(request, context);
    return respond(AcceptedOut, await context.services.participants.accept(user, params.inviteId!));
  });

export const loader = () => methodNotAllowed(["POST"]);
