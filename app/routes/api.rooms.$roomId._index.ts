import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { RoomSchema } from "../../server/schemas/rooms";
import { api, apiError, fieldsOf, methodNotAllowed, noContent, readJson, requireApiSession, respond } from "~/api/http.server";
import { RoomDetailOut, RoomPatchBody } from "~/api/schemas";
import { roomDetail } from "~/api/serialize";

/** GET /api/rooms/{roomId}: the room as its member sees it; 404 for anyone else. */
export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  api(async () => {
    const { user } = await requireApiSession(request, context);
    return respond(RoomDetailOut, roomDetail(await context.services.rooms.getForMember(user.id, params.roomId)));
  });

/** PATCH renames or describes the room (owner only); DELETE deletes it and its LiveKit room. */
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  api(async () => {
    const { user } = await requireApiSession(request, context);
    const { rooms } = context.services;
    if (request.method === "DELETE") {
      await rooms.delete(user.id, params.roomId!);
      return noContent();
    }
    if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH", "DELETE"]);
    const patch = await readJson(request, RoomPatchBody);
    const current = await rooms.getForMember(user.id, params.roomId);
    // The whole room after the change must pass the same rules as the settings form.
    const merged = RoomSchema.safeParse({
      name: patch.name ?? current.room.name,
      description: patch.description === undefined ? (current.room.description ?? undefined) : (patch.description ?? undefined),
    });
    if (!merged.success) return apiError(422, "validation_failed", "Some fields are not valid.", fieldsOf(merged.error.issues));
    await rooms.update(user.id, current.room.id, merged.data);
    return respond(RoomDetailOut, roomDetail(await rooms.getForMember(user.id, current.room.id)));
  });
