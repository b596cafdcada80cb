import type { MeetingLogRepository } from "../repositories/meeting-log";
import type { Tx } from "../repositories/transaction";

/** A verified LiveKit event, reduced to what the feed's meeting entries need. */
export type MeetingLogEvent =
  | { type: "joined"; roomId: string; roomSid: string; at: Date; identity: string; name: string }
  | { type: "left"; roomId: string; roomSid: string; at: Date }
  | { type: "finished"; roomId: string; roomSid: string; at: Date };

/**
 * Turns LiveKit's webhooks into "Meeting started" / "Meeting ended" feed entries. Webhooks may
 * repeat and arrive in any order, so each rule is stated on event times and LiveKit room sids,
 * never on arrival: a join belongs to the meeting of its room sid that had not ended by then (and
 * moves its start back when earlier); a join for a room sid LiveKit finished opens nothing; a join
 * under a new sid closes a meeting left open under an older one (its last activity is its end); a
 * meeting ends when its last person leaves or LiveKit finishes its room, whichever comes first.
 * Entries are written once (unique per meeting and kind); a repeated event id never gets here.
 * Returns the ids of the entries written, for the caller to announce.
 */
export async function applyToMeetingLog(log: MeetingLogRepository, event: MeetingLogEvent, tx: Tx): Promise<string[]> {
  await log.lockRoom(event.roomId, tx);
  const { roomId, roomSid, at } = event;

  if (event.type === "joined") {
    const held = await log.meetingsOfSid(roomId, roomSid, tx);
    const home = held.find((meeting) => !meeting.endedAt || at <= meeting.endedAt);
    const attendee = { identity: event.identity, name: event.name, at };
    if (home) {
      await log.attend(home.id, attendee, tx);
      return [];
    }
    if (held.some((meeting) => meeting.roomFinished)) return [];
    const written: string[] = [];
    const open = await log.openMeeting(roomId, tx);
    if (open) {
      // A join older than the open meeting under another sid is a straggler from a room already gone.
      if (at < open.startedAt) return [];
      const ended = await log.end(open.id, open.lastActivityAt, tx);
      if (ended) written.push(ended);
    }
    const { meetingId, entryId } = await log.start({ roomId, roomSid, at }, tx);
    await log.attend(meetingId, attendee, tx);
    return [...written, entryId];
  }

  const open = await log.openMeeting(roomId, tx);
  const ours = open && (open.roomSid === roomSid || !roomSid) && at >= open.startedAt ? open : null;
  if (event.type === "left") {
    if (!ours) return [];
    await log.touch(ours.id, at, tx);
    if (await log.anyonePresent(roomId, tx)) return [];
    const ended = await log.end(ours.id, at, tx);
    return ended ? [ended] : [];
  }

  const ended = ours ? await log.end(ours.id, at, tx) : null;
  if (roomSid) await log.markSidFinished(roomId, roomSid, tx);
  return ended ? [ended] : [];
}
