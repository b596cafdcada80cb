import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { done, methodNotAllowed, parseBody, readJson, requireApiSession, respond } from "~/api/http.server";
import { RoomBody, RoomDetailOut, RoomPatchBody } from "~/api/schemas";
import { roomDetailOut } from "~/api/serialize";

/** GET /api/rooms/{roomId}: the room as its member sees it; 404 for anyone else. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireApiSession(request, context);
  return respond(RoomDetailOut, roomDetailOut(await context.services.rooms.getForMember(user.id, params.roomId), user.id));
}

/** PATCH renames or describes the room (owner only); DELETE deletes it and its LiveKit room. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireApiSession(request, context);
  const { rooms } = context.services;
  if (request.method === "DELETE") {
    await rooms.delete(user.id, params.roomId!);
    return done("Room deleted.");
  }
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH", "DELETE"]);
  const patch = await readJson(request, RoomPatchBody);
  const { room } = await rooms.getForMember(user.id, params.roomId);
  // The whole room after the change must pass the same rules as a new one.
  const merged = parseBody(
    {
      room_name: patch.room_name ?? room.name,
      description: patch.description === undefined ? (room.description ?? undefined) : (patch.description ?? undefined),
    },
    RoomBody,
  );
  await rooms.update(user.id, room.id, { name: merged.room_name, description: merged.description });
  return respond(RoomDetailOut, roomDetailOut(await rooms.getForMember(user.id, room.id), user.id));
}
