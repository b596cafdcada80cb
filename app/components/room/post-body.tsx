import { RelativeTime } from "~/components/ui/relative-time";
import { renderMessage, type MessageNode } from "~/utils/message-tree";

/**
 * A post's words, formatted by the server (never as HTML), and when its author last edited it. A
 * post still being sent shows its words as typed until the feed brings it back formatted.
 */
export function PostBody({
  message,
  body,
  editedAt,
  pending,
}: {
  message: string;
  body?: MessageNode[];
  editedAt?: string | null;
  pending?: boolean;
}) {
  return (
    <div className={pending ? "post-body text-slate-600" : "post-body"}>
      {body ? renderMessage(body) : <p className="whitespace-pre-wrap">{message}</p>}
      {editedAt ? (
        <span className="text-xs text-slate-600">
          (edited <RelativeTime date={editedAt} />)
        </span>
      ) : null}
    </div>
  );
}
