import type { RoomAccess } from "../../server/services/rooms";

/** A room as GET /api/rooms/{roomId} shows it. */
export const roomDetail = (access: RoomAccess) => ({
  id: access.room.id,
  name: access.room.name,
  description: access.room.description,
  role: access.role,
  // Describes the caller's role for API clients; what they may do is decided by the service.
  isOwner: access.role === "owner",
  inMeeting: access.inMeeting,
  createdAt: access.room.createdAt,
});
