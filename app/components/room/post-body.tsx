import { RelativeTime } from "~/components/ui/relative-time";
import { formatMessage } from "~/utils/format-message";

// Markdown's elements, styled here (the feed has no typography plugin).
const BODY_CLASS = [
  "flex-1 break-words",
  "[&_p+p]:mt-1 [&_ul]:list-disc [&_ol]:list-decimal [&_ul]:pl-5 [&_ol]:pl-5",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-sm",
  "[&_pre]:my-1 [&_pre]:overflow-x-auto [&_pre]:whitespace-pre-wrap [&_pre]:rounded-md [&_pre]:bg-slate-100 [&_pre]:p-2 [&_pre_code]:px-0",
  "[&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-2 [&_blockquote]:text-slate-700",
].join(" ");

/** A post's words, formatted (never as HTML), and when its author last edited it. */
export function PostBody({ message, editedAt, pending }: { message: string; editedAt?: string | null; pending?: boolean }) {
  return (
    <div className={`${BODY_CLASS} ${pending ? "text-slate-600" : ""}`}>
      {formatMessage(message)}
      {editedAt ? (
        <span className="text-xs text-slate-600">
          (edited <RelativeTime date={editedAt} />)
        </span>
      ) : null}
    </div>
  );
}
