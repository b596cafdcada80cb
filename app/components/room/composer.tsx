import { Form, useActionData, useFetcher, useFetchers, useSubmit } from "@remix-run/react";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useHydrated } from "remix-utils/use-hydrated";
import { POST_MESSAGE_MAX } from "../../../server/schemas/limits";
import { useMentionSuggestions } from "./mention-suggestions";

const SENDING_KEY_PREFIX = "composer-send-";
let sendCount = 0;

/**
 * The messages this browser is still saving, oldest first, each sent on its own fetcher. A message
 * leaves this list once the feed shows it: its fetcher may still be waiting for a revalidation that a
 * later message or the live feed has already made.
 */
export function useSendingMessages(feed: ReadonlyArray<{ id: string }>): string[] {
  const shown = new Set(feed.map((post) => post.id));
  return useFetchers()
    .filter((fetcher) => fetcher.key.startsWith(SENDING_KEY_PREFIX) && fetcher.formData?.get("intent") === "post")
    .filter((fetcher) => !shown.has((fetcher.data as { postId?: string } | undefined)?.postId ?? ""))
    .map((fetcher) => String(fetcher.formData?.get("message") ?? "").trim())
    .filter(Boolean);
}

type ComposerReply = { result?: { error?: Record<string, string[] | null> }; postId?: string } | undefined;

/**
 * The message box at the bottom of the feed. Without JS it is a plain form (the page reloads at the
 * new post). With JS, Enter sends and Shift+Enter starts a new line; the box clears at once and the
 * post shows while it is being saved. Each message goes on its own fetcher: one fetcher would abort
 * a message still on the wire when the next is sent, and the first would be lost.
 */
export function Composer({ roomId }: { roomId: string }) {
  const submit = useSubmit();
  const [lastSendKey, setLastSendKey] = useState<string>();
  const lastSend = useFetcher<ComposerReply>({ key: lastSendKey });
  // Without JS the form is a plain post: its answer is the page's action data.
  const actionData = useActionData<ComposerReply>();
  const reply = (lastSendKey ? lastSend.data : undefined) ?? actionData;
  const form = useRef<HTMLFormElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const hydrated = useHydrated();
  const suggestions = useMentionSuggestions(roomId, textarea);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const key = `${SENDING_KEY_PREFIX}${++sendCount}`;
    setLastSendKey(key);
    submit(target, { method: "post", action: `/room/${roomId}`, navigate: false, fetcherKey: key, preventScrollReset: true });
    target.reset();
    suggestions.close();
  }

  const error = reply?.result?.error?.message?.[0] ?? reply?.result?.error?.[""]?.[0];

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.onKeyDown(event)) return;
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (event.currentTarget.value.trim()) form.current?.requestSubmit();
    }
  }

  return (
    <Form
      ref={form}
      method="post"
      action={`/room/${roomId}`}
      preventScrollReset
      onSubmit={onSubmit}
      className="border-t border-slate-200 py-3"
    >
      <input type="hidden" name="intent" value="post" />
      {hydrated ? <input type="hidden" name="via" value="fetch" /> : null}
      <label htmlFor="composer-message" className="block text-sm font-medium">
        Message
      </label>
      <div className="relative mt-1 flex items-end gap-2">
        {hydrated ? suggestions.listbox : null}
        <textarea
          ref={textarea}
          {...(hydrated ? suggestions.textareaProps : {})}
          id="composer-message"
          name="message"
          rows={2}
          required
          maxLength={POST_MESSAGE_MAX}
          onKeyDown={onKeyDown}
          aria-describedby={error ? "composer-error composer-hint" : "composer-hint"}
          aria-invalid={error ? true : undefined}
          className="block w-full resize-y rounded-md border border-slate-300 px-3 py-2"
        />
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Send
        </button>
      </div>
      <p id="composer-hint" className="mt-1 text-xs text-slate-600">
        {hydrated ? "Enter sends, Shift+Enter starts a new line." : `Up to ${POST_MESSAGE_MAX.toLocaleString("en")} characters.`} @username
        mentions a member. Formatting: *bold*, _italic_, `code`, ``` for a code block, - for a bullet, links as they are.
      </p>
      {error ? (
        <p id="composer-error" role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </Form>
  );
}
