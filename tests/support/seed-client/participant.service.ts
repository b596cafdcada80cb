/**
 * Participants, joining and posts, written in the style of the customer's services (original spec
 * §5.1 has only auth and rooms) against the endpoints of its §6.3 and §6.4 and the models of §4.2.
 */
import { apiClient } from "./api";

export interface AddParticipantRequest {
  email: string;
  name: string;
}

export interface ParticipantInviteResponse {
  participant_id: string;
  invite_token: string;
  invite_url: string;
}

export interface RoomParticipant {
  id: string;
  room_id: string;
  participant_id: string | null;
  user_id: string | null;
  email: string;
  name: string;
  role: string;
  joined_at: string | null;
  created_at: string;
}

export interface JoinResponse {
  token: string;
  server_url: string;
  identity: string;
  expires_at: string;
}

export interface Post {
  id: string;
  room_id: string;
  creator_id: string;
  message: string;
  created_at: string;
  updated_at: string;
  creator: { id: string; username: string; name: string };
}

export const participantService = {
  async addParticipant(roomId: string, data: AddParticipantRequest): Promise<ParticipantInviteResponse> {
    return apiClient.post<ParticipantInviteResponse>(`/rooms/${roomId}/participants`, data);
  },

  async addParticipants(roomId: string, participants: AddParticipantRequest[]): Promise<ParticipantInviteResponse[]> {
    return apiClient.post<ParticipantInviteResponse[]>(`/rooms/${roomId}/participants`, { participants });
  },

  async getParticipants(roomId: string): Promise<RoomParticipant[]> {
    return apiClient.get<RoomParticipant[]>(`/rooms/${roomId}/participants`);
  },

  async removeParticipant(roomId: string, participantId: string): Promise<void> {
    await apiClient.delete(`/rooms/${roomId}/participants/${participantId}`);
  },

  async joinRoom(roomId: string, inviteToken?: string): Promise<JoinResponse> {
    return apiClient.post<JoinResponse>(`/rooms/${roomId}/join`, inviteToken ? { invite_token: inviteToken } : {});
  },
};

export const postService = {
  async createPost(roomId: string, message: string): Promise<Post> {
    return apiClient.post<Post>(`/rooms/${roomId}/posts`, { message });
  },

  async getPosts(roomId: string): Promise<Post[]> {
    return apiClient.get<Post[]>(`/rooms/${roomId}/posts`);
  },

  async deletePost(roomId: string, postId: string): Promise<void> {
    await apiClient.delete(`/rooms/${roomId}/posts/${postId}`);
  },
};
