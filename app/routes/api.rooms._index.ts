import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, readJson, readQuery, requireApiSession, respond, respondList } from "~/api/http.server";
import { RoomBody, RoomDetailOut, RoomListOut, RoomListQuery } from "~/api/schemas";
import { roomDetailOut, roomOut } from "~/api/serialize";

/** GET /api/rooms: my rooms, most recently active first; `q` searches; the next page is in the Link header (keyset). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireApiSession(request, context);
  const page = await context.services.rooms.listMine(user.id, readQuery(request, RoomListQuery));
  return respondList(
    RoomListOut,
    page.rooms.map((room) => roomOut(room, user.id)),
    { request, appUrl: context.appUrl, next: page.nextCursor },
  );
}

/** POST /api/rooms: a new room, owned by the caller (and its LiveKit room, when LiveKit answers). */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { user } = await requireApiSession(request, context);
  const { room_name: name, description } = await readJson(request, RoomBody);
  const { rooms } = context.services;
  const room = await rooms.create(user, { name, description });
  return respond(RoomDetailOut, roomDetailOut(await rooms.getForMember(user.id, room.id), user.id), 201, {
    Location: `/api/rooms/${room.id}`,
  });
}
