import { RelativeTime } from "~/components/ui/relative-time";
import { useDocumentOnly } from "~/utils/document-only";
import { renderMessage, type MessageNode } from "~/utils/message-tree";
import { postBodyFromMarkup } from "./post-body-from-markup";

/** The words of a post the page's hydration data left out: from the loader on the server, from the markup in the browser. */
function useBodyInDocument(postId: string, inDocument: boolean | undefined): MessageNode[] | undefined {
  const documentOnly = useDocumentOnly();
  if (!inDocument) return undefined;
  return documentOnly ? documentOnly.postBodies.get(postId) : postBodyFromMarkup(postId);
}

/**
 * A post's words, formatted by the server (never as HTML), and when its author last edited it. A
 * post still being sent shows its words as typed until the feed brings it back formatted.
 */
export function PostBody({
  postId,
  message,
  body,
  bodyInDocument,
  editedAt,
  pending,
}: {
  postId: string;
  message: string;
  body?: MessageNode[];
  /** Its formatted words are in the page's markup, not in the data (`DocumentOnlyData`). */
  bodyInDocument?: boolean;
  editedAt?: string | null;
  pending?: boolean;
}) {
  const words = useBodyInDocument(postId, bodyInDocument) ?? body;
  return (
    <>
      {/* Only the words inside: the browser reads them back from here. */}
      <div className={pending ? "post-body text-slate-600" : "post-body"}>
        {words ? renderMessage(words) : <p className="whitespace-pre-wrap">{message}</p>}
      </div>
      {editedAt ? (
        <span className="text-xs text-slate-600">
          (edited <RelativeTime date={editedAt} />)
        </span>
      ) : null}
    </>
  );
}
