import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { RoomSchema } from "../../server/schemas/rooms";
import { api, methodNotAllowed, readJson, readQuery, requireApiSession, respond } from "~/api/http.server";
import { RoomDetailOut, RoomListOut, RoomListQuery } from "~/api/schemas";
import { roomDetail } from "~/api/serialize";

/** GET /api/rooms: my rooms, most recently active first; `q` searches, `cursor` pages (keyset). */
export const loader = ({ request, context }: LoaderFunctionArgs) =>
  api(async () => {
    const { user } = await requireApiSession(request, context);
    const query = readQuery(request, RoomListQuery);
    return respond(RoomListOut, await context.services.rooms.listMine(user.id, query));
  });

/** POST /api/rooms: a new room, owned by the caller (and its LiveKit room, when LiveKit answers). */
export const action = ({ request, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
    const { user } = await requireApiSession(request, context);
    const input = await readJson(request, RoomSchema);
    const room = await context.services.rooms.create(user, input);
    const access = await context.services.rooms.getForMember(user.id, room.id);
    return respond(RoomDetailOut, roomDetail(access), 201, { Location: `/api/rooms/${room.id}` });
  });
