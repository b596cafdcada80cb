import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { AddParticipantsSchema } from "../../server/schemas/participants";
import { api, apiError, fieldsOf, methodNotAllowed, readJson, requireApiSession, respond } from "~/api/http.server";
import { AddedOut, ParticipantListOut } from "~/api/schemas";
import { requestOrigin } from "~/utils/forms.server";

/** GET /api/rooms/{roomId}/participants: everyone in the room, with invitation and meeting status. */
export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  api(async () => {
    const { user } = await requireApiSession(request, context);
    const participants = await context.services.rooms.listMembers(user.id, params.roomId);
    return respond(ParticipantListOut, { participants });
  });

const ROW_KEYS = ["email", "name"];

/**
 * POST /api/rooms/{roomId}/participants: one person (`{email, name}`) or a batch (`{rows: [...]}`),
 * all or nothing, invited by email, exactly as the add-participants page does.
 */
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
    const user = (await requireApiSession(request, context)).user;
    const body = await readJson(request, z.record(z.unknown()));
    const batch = "rows" in body ? body : { rows: [body] };
    const prefix = "rows" in body ? "" : "single";
    const unknown: Record<string, string[]> = {};
    for (const key of Object.keys(batch)) if (key !== "rows") unknown[key] = ["Unknown field"];
    if (Array.isArray(batch.rows)) {
      batch.rows.forEach((row, index) => {
        if (row && typeof row === "object") {
          for (const key of Object.keys(row))
            if (!ROW_KEYS.includes(key)) unknown[prefix ? key : `rows.${index}.${key}`] = ["Unknown field"];
        }
      });
    }
    if (Object.keys(unknown).length) return apiError(422, "validation_failed", "The body has fields this endpoint does not take.", unknown);
    const parsed = AddParticipantsSchema.safeParse(batch);
    if (!parsed.success) {
      const fields = fieldsOf(parsed.error.issues);
      // A single person's errors are named like the single body's fields.
      const named = prefix ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^rows\.0\./, ""), v])) : fields;
      return apiError(422, "validation_failed", "Some fields are not valid.", named);
    }
    return respond(
      AddedOut,
      await context.services.participants.add(user, params.roomId!, parsed.data, requestOrigin(request, context)),
      201,
    );
  });
