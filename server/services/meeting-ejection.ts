import type { LiveKitGateway } from "../livekit/gateway";
import type { Logger } from "../logger";
import type { Participant, Room } from "../repositories/rooms";

/** A member joins the meeting as their user id, a guest as their participant id. */
export const meetingIdentitiesOf = (person: Pick<Participant, "id" | "userId">) =>
  [person.userId, person.id].filter((id): id is string => Boolean(id));

/**
 * Takes a person out of the room's running meeting, whether they joined as a member (identity =
 * user id) or as a guest (identity = participant id). Their LiveKit token stays valid until it
 * expires, so this is what ends their presence now. LiveKit being down is logged, not thrown: the
 * change in Parley stands either way.
 */
export async function takeOutOfMeeting(
  deps: { livekit: LiveKitGateway; logger: Logger },
  room: Pick<Room, "id" | "livekitRoomName">,
  person: Pick<Participant, "id" | "userId">,
): Promise<void> {
  if (!room.livekitRoomName) return;
  for (const identity of meetingIdentitiesOf(person)) {
    await deps.livekit
      .removeParticipant(room.livekitRoomName, identity)
      .catch((error: Error) =>
        deps.logger.warn({ roomId: room.id, reason: error.message }, "could not remove the participant from LiveKit"),
      );
  }
}
