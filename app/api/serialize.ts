import type { JoinDetails } from "../../server/services/meetings";
import type { Invitation, ParticipantsService } from "../../server/services/participants";
import type { Post } from "../../server/services/posts";
import type { Member, RoomAccess, RoomsService } from "../../server/services/rooms";
import type { IssuedSession, PublicUser } from "../../server/services/sessions";
import type { ReadPointsService } from "../../server/services/unread";

type RoomListItem = Awaited<ReturnType<RoomsService["listMine"]>>["rooms"][number];
type ReceivedInvite = Awaited<ReturnType<ParticipantsService["listReceived"]>>[number];

/** The services' results in the API's snake_case (app/api/schemas.ts says which fields leave). */

export const authOut = (user: PublicUser & { createdAt: Date }, session: IssuedSession) => ({
  token: session.token,
  user: { id: user.id, username: user.username, email: user.email, name: user.name, created_at: user.createdAt },
  expires_at: session.expiresAt,
});

const roomFields = (room: RoomAccess["room"], role: RoomAccess["role"], userId: string) => ({
  id: room.id,
  room_name: room.name,
  description: room.description,
  owner_id: room.ownerId,
  room_sid: room.roomSid,
  livekit_room_name: room.livekitRoomName,
  created_at: room.createdAt,
  updated_at: room.updatedAt,
  // Describes the caller for API clients; what they may do is decided by the service.
  is_owner: room.ownerId === userId,
  role,
  last_activity_at: room.lastActivityAt,
});

export const roomOut = (room: RoomListItem, userId: string) => ({
  ...roomFields(room, room.role, userId),
  participant_count: room.memberCount,
  in_meeting_count: room.inMeetingCount,
  unread_count: room.unreadCount,
  unread_mention_count: room.unreadMentionCount,
});

export const readPointOut = ({ roomId, readPoint }: Awaited<ReturnType<ReadPointsService["markRead"]>>) => ({
  room_id: roomId,
  last_read_post_id: readPoint?.postId ?? null,
  last_read_at: readPoint?.at ?? null,
});

export const roomDetailOut = (access: RoomAccess, userId: string) => ({
  ...roomFields(access.room, access.role, userId),
  participant_count: access.memberCount,
  in_meeting_count: access.inMeeting.length,
  in_meeting: access.inMeeting,
});

export const participantOut = (member: Member) => ({
  id: member.id,
  room_id: member.roomId,
  participant_id: member.id,
  user_id: member.userId,
  email: member.email,
  name: member.name,
  role: member.role,
  joined_at: member.joinedAt,
  created_at: member.createdAt,
  invite_status: member.inviteStatus,
  delivery_status: member.deliveryStatus,
  in_meeting: member.inMeeting,
});

export const invitationOut = (invitation: Invitation) => ({
  participant_id: invitation.participantId,
  invite_token: invitation.inviteToken,
  invite_url: invitation.inviteUrl,
});

export const postOut = (post: Post) => ({
  id: post.id,
  room_id: post.roomId,
  kind: post.kind,
  creator_id: post.creatorId,
  message: post.message,
  is_deleted: post.isDeleted,
  created_at: post.createdAt,
  updated_at: post.updatedAt,
  creator: post.creatorId ? { id: post.creatorId, username: post.authorUsername, name: post.authorName } : null,
  meeting: post.meeting && {
    started_at: post.meeting.startedAt,
    ended_at: post.meeting.endedAt,
    duration_seconds: post.meeting.endedAt ? Math.round((post.meeting.endedAt.getTime() - post.meeting.startedAt.getTime()) / 1000) : null,
    attendees: post.meeting.attendees,
  },
  edited_at: post.editedAt,
  ...(post.reactions ? { reactions: post.reactions } : {}),
  mentions: post.mentions.map((mention) => ({ user_id: mention.userId, username: mention.username })),
});

export const joinOut = (details: JoinDetails) => ({
  token: details.token,
  server_url: details.serverUrl,
  identity: details.identity,
  expires_at: details.expiresAt,
});

export const inviteOut = (invite: ReceivedInvite) => ({
  id: invite.id,
  room_id: invite.roomId,
  room_name: invite.roomName,
  inviter_name: invite.inviterName,
  created_at: invite.createdAt,
  expires_at: invite.expiresAt,
  expired: invite.expired,
});
