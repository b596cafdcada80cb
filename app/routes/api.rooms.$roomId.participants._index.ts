import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { methodNotAllowed, parseBody, readJson, renamingFields, requireApiSession, respond } from "~/api/http.server";
import { InvitationListOut, InvitationOut, ParticipantBatchBody, ParticipantBody, ParticipantListOut } from "~/api/schemas";
import { invitationOut, participantOut } from "~/api/serialize";
import { requestOrigin } from "~/utils/forms.server";

/** GET /api/rooms/{roomId}/participants: everyone in the room, with invitation and meeting status. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireApiSession(request, context);
  return respond(ParticipantListOut, (await context.services.rooms.listMembers(user.id, params.roomId)).map(participantOut));
}

/**
 * POST /api/rooms/{roomId}/participants: one person (`{email, name}`) or a batch
 * (`{participants: [...]}`, up to 50, all or nothing), each invited by email, exactly as the
 * add-participants page does. Answers with each one's invite link.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { user } = await requireApiSession(request, context);
  const body = await readJson(request, z.record(z.unknown()));
  const add = (rows: z.output<typeof ParticipantBody>[], rename: (field: string) => string) =>
    context.services.participants.add(user, params.roomId!, { rows }, requestOrigin(request, context)).catch(renamingFields(rename));
  if ("participants" in body) {
    const { participants } = parseBody(body, ParticipantBatchBody);
    const { invitations } = await add(participants, (field) => field.replace(/^rows\./, "participants."));
    return respond(InvitationListOut, invitations.map(invitationOut), 201);
  }
  const { invitations } = await add([parseBody(body, ParticipantBody)], (field) => field.replace(/^rows\.0\./, ""));
  return respond(InvitationOut, invitationOut(invitations[0]!), 201);
}
