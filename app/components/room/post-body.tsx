import { RelativeTime } from "~/components/ui/relative-time";
import { formatMessage, type MentionContext } from "~/utils/format-message";

/** A post's words, formatted (never as HTML), its mentions linked, and when its author last edited it. */
export function PostBody({
  message,
  editedAt,
  pending,
  mentions,
}: {
  message: string;
  editedAt?: string | null;
  pending?: boolean;
  mentions?: MentionContext;
}) {
  return (
    <div className={pending ? "post-body text-slate-600" : "post-body"}>
      {formatMessage(message, mentions)}
      {editedAt ? (
        <span className="text-xs text-slate-600">
          (edited <RelativeTime date={editedAt} />)
        </span>
      ) : null}
    </div>
  );
}
