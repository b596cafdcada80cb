import type { ActionFunctionArgs } from "@remix-run/node";
import { api, apiError, methodNotAllowed, readJson, requireApiSession, respond } from "~/api/http.server";
import { JoinBody, JoinOut } from "~/api/schemas";

/**
 * POST /api/rooms/{roomId}/join: LiveKit connection details, minted by the same service as the
 * meeting page. A member sends their credentials; an invitee without an account sends the
 * invite link's token (`inviteToken`) instead.
 */
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const { meetings } = context.services;
    const body = await readJson(request, JoinBody);
    if (body.inviteToken) {
      const { guestPass, ...visit } = await meetings.startGuestVisit(params.roomId, body.inviteToken);
      const seat = await meetings.seatFor({ guestPass }, visit.roomId);
      const details = await meetings.join({ guestPass }, visit.roomId, { displayName: body.displayName ?? seat.displayName });
      return respond(JoinOut, details);
    }
    const { user } = await requireApiSession(request, context).catch((response: Response) => {
      throw response.status === 401 ? apiError(401, "unauthorized", "Sign in, or send the invitation's inviteToken.") : response;
    });
    const details = await meetings.join({ user }, params.roomId, { displayName: body.displayName ?? user.name });
    return respond(JoinOut, details);
  });

export const loader = () => methodNotAllowed(["POST"]);
