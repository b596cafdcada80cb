import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, methodNotAllowed, readJson, requireApiSession, respond } from "~/api/http.server";
import { JoinBody, JoinOut } from "~/api/schemas";
import { joinOut } from "~/api/serialize";

/**
 * POST /api/rooms/{roomId}/join: LiveKit connection details for this one room, minted by the same
 * service as the meeting page. A member sends their credentials; an invitee without an account
 * sends the invite link's token (`invite_token`) instead.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { meetings } = context.services;
  const body = await readJson(request, JoinBody);
  if (body.invite_token) {
    const { guestPass, ...visit } = await meetings.startGuestVisit(params.roomId, body.invite_token);
    const seat = await meetings.seatFor({ guestPass }, visit.roomId);
    return respond(
      JoinOut,
      joinOut(await meetings.join({ guestPass }, visit.roomId, { displayName: body.display_name ?? seat.displayName })),
    );
  }
  const { user } = await requireApiSession(request, context).catch((response: Response) => {
    throw response.status === 401 ? apiError(401, "unauthorized", "Sign in, or send the invitation's invite_token.") : response;
  });
  return respond(JoinOut, joinOut(await meetings.join({ user }, params.roomId, { displayName: body.display_name ?? user.name })));
}

export const loader = () => methodNotAllowed(["POST"]);
