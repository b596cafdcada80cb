import { RelativeTime } from "~/components/ui/relative-time";
import { formatMessage } from "~/utils/format-message";

/** A post's words, formatted (never as HTML), and when its author last edited it. */
export function PostBody({ message, editedAt, pending }: { message: string; editedAt?: string | null; pending?: boolean }) {
  return (
    <div className={pending ? "post-body text-slate-600" : "post-body"}>
      {formatMessage(message)}
      {editedAt ? (
        <span className="text-xs text-slate-600">
          (edited <RelativeTime date={editedAt} />)
        </span>
      ) : null}
    </div>
  );
}
