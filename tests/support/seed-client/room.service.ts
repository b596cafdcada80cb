/** `src/services/api/room.service.ts` of the customer's front end (original spec §5.1), as written. */
import { apiClient } from "./api";

export interface Room {
  id: string;
  room_name: string;
  description?: string;
  owner_id: string;
  created_at: string;
  participant_count: number;
  is_owner: boolean;
}

export interface CreateRoomRequest {
  room_name: string;
  description?: string;
}

export const roomService = {
  async createRoom(data: CreateRoomRequest): Promise<Room> {
    return apiClient.post<Room>("/rooms", data);
  },

  async getUserRooms(): Promise<Room[]> {
    return apiClient.get<Room[]>("/rooms");
  },

  async getRoomDetails(roomId: string): Promise<Room> {
    return apiClient.get<Room>(`/rooms/${roomId}`);
  },

  async deleteRoom(roomId: string): Promise<void> {
    await apiClient.delete(`/rooms/${roomId}`);
  },
};
