import { RelativeTime } from "~/components/ui/relative-time";

/** What a meeting entry of the feed carries (dates as the loader's JSON gives them). */
export interface MeetingEntryData {
  id: string;
  kind: "meeting_started" | "meeting_ended";
  createdAt: string;
  meeting: { startedAt: string; endedAt: string | null; attendees: string[] } | null;
}

/** "23 min", "1 h 5 min"; a meeting shorter than a minute says so rather than "0 min". */
export function meetingDuration(startedAt: string, endedAt: string): string {
  const minutes = Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 60_000);
  if (minutes < 1) return "under 1 min";
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}` : `${minutes} min`;
}

/** "Meeting started by Ada" / "Meeting ended · 23 min · Ada, Grace, Alan". */
export function meetingEntryText(entry: MeetingEntryData): string {
  const attendees = entry.meeting?.attendees ?? [];
  if (entry.kind === "meeting_started") return attendees[0] ? `Meeting started by ${attendees[0]}` : "Meeting started";
  const parts = ["Meeting ended"];
  if (entry.meeting?.endedAt) parts.push(meetingDuration(entry.meeting.startedAt, entry.meeting.endedAt));
  if (attendees.length) parts.push(attendees.join(", "));
  return parts.join(" · ");
}

/**
 * A line Parley wrote in the feed, set apart from members' posts: centred between rules, no avatar
 * or bubble, and no actions (nobody may edit or delete it). Screen readers hear it as a room event.
 */
export function MeetingEntry({ entry }: { entry: MeetingEntryData }) {
  return (
    <li id={`post-${entry.id}`} data-kind={entry.kind} className="flex items-center gap-3 py-1 text-sm text-slate-700">
      <span aria-hidden="true" className="h-px flex-1 bg-slate-300" />
      <p className="max-w-[80%] text-center">
        <span className="sr-only">Room event: </span>
        <span aria-hidden="true" className="mr-1.5 inline-block h-2 w-2 rounded-full bg-slate-500 align-middle" />
        <span className="font-medium">{meetingEntryText(entry)}</span>{" "}
        <span className="text-xs text-slate-600">
          <RelativeTime date={entry.createdAt} />
        </span>
      </p>
      <span aria-hidden="true" className="h-px flex-1 bg-slate-300" />
    </li>
  );
}
