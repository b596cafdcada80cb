import type { RoomAccess } from "../../server/services/rooms";

/** A room as GET /api/rooms/{roomId} shows it. */
export const roomDetail = (access: RoomAccess) => ({
  id: access.room.id,
  name: access.room.name,
  description: access.room.description,
  role: access.role,
  isOwner: access.isOwner,
  inMeeting: access.inMeeting,
  createdAt: access.room.createdAt,
});
