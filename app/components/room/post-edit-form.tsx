import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, type KeyboardEvent } from "react";
import { buttonClass } from "~/components/ui/button";

type EditReply = { result?: { error?: Record<string, string[] | null> }; saved?: boolean } | undefined;

export const editPostPath = (roomId: string, postId: string) => `/room/${roomId}/posts/${postId}/edit`;

/**
 * The words of one's own post, to change. On the edit page (no JavaScript) a plain form; in the feed
 * (JavaScript) the same form in place of the post, sent on a fetcher: Escape or Cancel closes it,
 * and it closes by itself once saved (the feed then shows the new words).
 */
export function PostEditForm({
  roomId,
  postId,
  message,
  reply,
  cancelTo,
  onClose,
}: {
  roomId: string;
  postId: string;
  message: string;
  reply?: EditReply;
  cancelTo?: string;
  onClose?: () => void;
}) {
  const fetcher = useFetcher<EditReply>();
  const inline = Boolean(onClose);
  const FormTag = inline ? fetcher.Form : Form;
  const answer = inline ? fetcher.data : reply;
  const error = answer?.result?.error?.message?.[0] ?? answer?.result?.error?.[""]?.[0];
  const saving = inline && fetcher.state !== "idle";
  const fieldId = `edit-message-${postId}`;

  useEffect(() => {
    if (onClose && fetcher.state === "idle" && fetcher.data?.saved) onClose();
  }, [fetcher.state, fetcher.data, onClose]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape" && onClose) {
      event.preventDefault();
      onClose();
    }
  }

  return (
    <FormTag method="post" action={editPostPath(roomId, postId)} preventScrollReset className="flex-1 space-y-2">
      {inline ? <input type="hidden" name="via" value="fetch" /> : null}
      <label htmlFor={fieldId} className={inline ? "sr-only" : "block text-sm font-medium text-slate-800"}>
        Edit your message
      </label>
      <textarea
        id={fieldId}
        name="message"
        rows={3}
        required
        maxLength={4000}
        defaultValue={message}
        onKeyDown={onKeyDown}
        // The editor opens where the person asked for it: typing goes there at once.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        className="block w-full resize-y rounded-md border border-slate-300 px-3 py-2"
      />
      {error ? (
        <p id={`${fieldId}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" disabled={saving} className={buttonClass("primary")}>
          {saving ? "Saving…" : "Save"}
        </button>
        {onClose ? (
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            Cancel
          </button>
        ) : (
          <Link to={cancelTo ?? `/room/${roomId}`} className={buttonClass("secondary")}>
            Cancel
          </Link>
        )}
      </div>
    </FormTag>
  );
}

/**
 * The editor in place of a post (JavaScript): the feed carries each post formatted, not as typed,
 * so the words to edit come from the edit page's loader first.
 */
export function InlinePostEdit({ roomId, postId, onClose }: { roomId: string; postId: string; onClose: () => void }) {
  const { load, data } = useFetcher<{ post: { message: string } }>();
  const path = editPostPath(roomId, postId);
  useEffect(() => load(path), [load, path]);
  if (!data)
    return (
      <p role="status" className="text-sm text-slate-600">
        Opening the editor…
      </p>
    );
  return <PostEditForm roomId={roomId} postId={postId} message={data.post.message} onClose={onClose} />;
}
