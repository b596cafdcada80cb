import type { MeetingLogRepository } from "../repositories/meeting-log";
import type { Tx } from "../repositories/transaction";

/** A verified LiveKit event, reduced to what the feed's meeting entries need. */
export type MeetingLogEvent =
  | { type: "joined"; roomId: string; roomSid: string; at: Date; identity: string; name: string }
  | { type: "left"; roomId: string; roomSid: string; at: Date }
  | { type: "finished"; roomId: string; roomSid: string; at: Date };

/** What applying one event changed in the feed: entries written, and entries taken back. */
export interface MeetingLogChanges {
  written: string[];
  removed: string[];
}

/**
 * How soon after a meeting emptied a join under the same LiveKit room still continues it: a dropped
 * connection that comes back, or someone stepping out and in again, is not a new meeting. LiveKit
 * keeps an empty room (same sid) for its departure timeout, 20 s by default; this caps a longer one.
 */
export const REJOIN_GRACE_MS = 60_000;

/**
 * Turns LiveKit's webhooks into "Meeting started" / "Meeting ended" feed entries. Webhooks may
 * repeat and arrive in any order, so each rule is stated on event times and LiveKit room sids,
 * never on arrival: a join belongs to the meeting of its room sid that had not ended by then (and
 * moves its start back when earlier); a join for a room sid LiveKit finished opens nothing; a join
 * under a new sid closes a meeting left open under an older one (its last activity is its end); a
 * meeting ends when its last person leaves or LiveKit finishes its room, whichever comes first; a
 * join under the same, unfinished room sid within REJOIN_GRACE_MS of that end reopens it (its
 * "ended" entry is taken back). Entries are written once (unique per meeting and kind); a repeated
 * event id never gets here. Returns the entries written and removed, for the caller to announce.
 */
export async function applyToMeetingLog(log: MeetingLogRepository, event: MeetingLogEvent, tx: Tx): Promise<MeetingLogChanges> {
  const written = (...ids: Array<string | null>) => ({ written: ids.filter((id): id is string => id !== null), removed: [] });
  await log.lockRoom(event.roomId, tx);
  const { roomId, roomSid, at } = event;

  if (event.type === "joined") {
    const held = await log.meetingsOfSid(roomId, roomSid, tx);
    const home = held.find((meeting) => !meeting.endedAt || at <= meeting.endedAt);
    const attendee = { identity: event.identity, name: event.name, at };
    if (home) {
      await log.attend(home.id, attendee, tx);
      return written();
    }
    if (held.some((meeting) => meeting.roomFinished)) return written();
    const open = await log.openMeeting(roomId, tx);
    const latest = held.at(-1);
    if (!open && latest?.endedAt && at.getTime() - latest.endedAt.getTime() <= REJOIN_GRACE_MS) {
      const removed = await log.reopen(latest.id, tx);
      await log.attend(latest.id, attendee, tx);
      return { written: [], removed: removed ? [removed] : [] };
    }
    // A join older than the open meeting under another sid is a straggler from a room already gone.
    if (open && at < open.startedAt) return written();
    const ended = open ? await log.end(open.id, open.lastActivityAt, tx) : null;
    const { meetingId, entryId } = await log.start({ roomId, roomSid, at }, tx);
    await log.attend(meetingId, attendee, tx);
    return written(ended, entryId);
  }

  const open = await log.openMeeting(roomId, tx);
  const ours = open && (open.roomSid === roomSid || !roomSid) && at >= open.startedAt ? open : null;
  if (event.type === "left") {
    if (!ours) return written();
    await log.touch(ours.id, at, tx);
    if (await log.anyonePresent(roomId, tx)) return written();
    return written(await log.end(ours.id, at, tx));
  }

  const ended = ours ? await log.end(ours.id, at, tx) : null;
  if (roomSid) await log.markSidFinished(roomId, roomSid, tx);
  return written(ended);
}
