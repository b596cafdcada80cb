import { lazy, Suspense, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import type { MentionSuggestionListHandle, OpenSuggestions } from "./mention-suggestion-list";

const LISTBOX_ID = "mention-suggestions";
const MentionSuggestionList = lazy(() => import("./mention-suggestion-list"));

/**
 * Suggestions of the room's members while `@name` is typed in the composer (JS only: without it the
 * textarea is plain and a typed @username works the same). The textarea keeps its own textbox role:
 * ARIA in HTML allows no role on a textarea, and axe holds to that, so it carries the attributes
 * of the combobox pattern that a textbox may have (aria-autocomplete, aria-haspopup, aria-controls,
 * aria-activedescendant), and a live region says when suggestions appear.
 *
 * This hook, always loaded, owns that wiring; the list, its keys and the members' fetch are in
 * `mention-suggestion-list`, loaded on demand. Its import starts when the textarea first gets the
 * focus, which comes before any key typed in it: the module is there by the first `@`, whose
 * keystroke fetches the members as it did when the list came with the page, so the suggestions
 * show as soon. (Importing at the first `@` would put the chunk's round trip before that fetch.)
 */
export function useMentionSuggestions(roomId: string, textarea: RefObject<HTMLTextAreaElement>) {
  const list = useRef<MentionSuggestionListHandle>(null);
  const [wanted, setWanted] = useState(false);
  const [open, setOpen] = useState<OpenSuggestions | null>(null);

  const update = () => list.current?.update();
  const close = () => list.current?.close();
  const textareaProps = {
    "aria-autocomplete": "list" as const,
    "aria-haspopup": "listbox" as const,
    "aria-controls": open ? LISTBOX_ID : undefined,
    "aria-activedescendant": open?.activeOptionId,
    onFocus: () => setWanted(true),
    onInput: update,
    onClick: update,
    onKeyUp: (event: KeyboardEvent<HTMLTextAreaElement>) => list.current?.onKeyUp(event),
    onBlur: close,
  };

  const listbox = (
    <>
      {wanted ? (
        <Suspense fallback={null}>
          <MentionSuggestionList ref={list} id={LISTBOX_ID} roomId={roomId} textarea={textarea} onOpenChange={setOpen} />
        </Suspense>
      ) : null}
      <div aria-live="polite" className="sr-only" data-testid="mention-status">
        {open
          ? `${open.count} ${open.count === 1 ? "member" : "members"} to mention. Up and Down to choose, Enter to insert, Escape to close.`
          : ""}
      </div>
    </>
  );

  /** Handles the keys the suggestions own; true when it did (the composer then leaves the key alone). */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => list.current?.onKeyDown(event) ?? false;

  return { textareaProps, listbox, onKeyDown, close };
}
