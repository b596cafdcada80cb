import { useCallback, useRef, useState, type KeyboardEvent, type RefObject } from "react";

/** [username, name], as the room's mentionable resource route sends them. */
type Member = [username: string, name: string];

const LISTBOX_ID = "mention-suggestions";
const MAX_SHOWN = 8;
const optionId = (index: number) => `${LISTBOX_ID}-${index}`;
/** `@` and what follows it up to the caret, when it starts a mention (as server/schemas/mentions reads one). */
const TYPING_MENTION = /(?:^|[^\w.@+-])@([A-Za-z0-9._-]{0,50})$/;

function matching(members: Member[], query: string): Member[] {
  const q = query.toLowerCase();
  return members
    .filter(
      ([username, name]) =>
        username.toLowerCase().startsWith(q) ||
        name
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(q)),
    )
    .slice(0, MAX_SHOWN);
}

/**
 * Suggestions of the room's members while `@name` is typed in the composer (JS only: without it the
 * textarea is plain and a typed @username works the same). The textarea keeps its own textbox role:
 * ARIA in HTML allows no role on a textarea, and axe holds to that, so it carries the attributes
 * of the combobox pattern that a textbox may have (aria-autocomplete, aria-haspopup, aria-controls,
 * aria-activedescendant), and a live region says when suggestions appear. Down/Up choose, Enter or
 * Tab inserts, Escape dismisses; a click inserts too. The members are fetched once, at the first `@`.
 */
export function useMentionSuggestions(roomId: string, textarea: RefObject<HTMLTextAreaElement>) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const loading = useRef(false);
  const [query, setQuery] = useState<{ start: number; text: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);

  const options = query && members && !dismissed ? matching(members, query.text) : [];
  const open = options.length > 0;

  const load = useCallback(() => {
    if (loading.current) return;
    loading.current = true;
    fetch(`/room/${roomId}/mentionable`, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<Member[]>) : []))
      .then(setMembers, () => setMembers([]));
  }, [roomId]);

  /** Reads what is being typed at the caret: a mention opens (or narrows) the suggestions. */
  const update = useCallback(() => {
    const el = textarea.current;
    const caret = el?.selectionStart ?? 0;
    const typed = el && el.selectionStart === el.selectionEnd ? TYPING_MENTION.exec(el.value.slice(0, caret)) : null;
    if (!typed) {
      setQuery(null);
      setDismissed(false);
      return;
    }
    const text = typed[1]!;
    if (query?.text !== text) {
      setActive(0);
      setDismissed(false);
    }
    setQuery({ start: caret - text.length - 1, text });
    if (!members) load();
  }, [textarea, query, members, load]);

  const close = useCallback(() => setQuery(null), []);

  function choose([username]: Member) {
    const el = textarea.current;
    if (!el || !query) return;
    el.setRangeText(`@${username} `, query.start, el.selectionStart, "end");
    el.focus();
    setQuery(null);
  }

  /** Handles the keys the suggestions own; true when it did (the composer then leaves the key alone). */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) return false;
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move) setActive((index) => (index + move + options.length) % options.length);
    else if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") choose(options[Math.min(active, options.length - 1)]!);
    else if (event.key === "Escape") setDismissed(true);
    else return false;
    event.preventDefault();
    return true;
  }

  const current = Math.min(active, options.length - 1);
  const textareaProps = {
    "aria-autocomplete": "list" as const,
    "aria-haspopup": "listbox" as const,
    "aria-controls": open ? LISTBOX_ID : undefined,
    "aria-activedescendant": open ? optionId(current) : undefined,
    onInput: update,
    onClick: update,
    onKeyUp: (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (event.key === "ArrowLeft" || event.key === "ArrowRight" || event.key === "Home" || event.key === "End") update();
    },
    onBlur: close,
  };

  const listbox = (
    <>
      {open ? (
        <ul
          id={LISTBOX_ID}
          role="listbox"
          aria-label="Members to mention"
          className="absolute bottom-full left-0 z-10 mb-1 max-h-64 w-72 max-w-full overflow-y-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
        >
          {options.map((member, index) => (
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- the keys are the textarea's (aria-activedescendant)
            <li
              key={member[0]}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              // Keeps the focus in the textarea, so the click inserts where the caret is.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(member)}
              className={`cursor-pointer px-3 py-1.5 ${index === current ? "bg-brand-600 text-white" : "text-slate-800 hover:bg-slate-100"}`}
            >
              <span className="font-medium">{member[1]}</span>{" "}
              <span className={index === current ? "" : "text-slate-600"}>@{member[0]}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div aria-live="polite" className="sr-only" data-testid="mention-status">
        {open
          ? `${options.length} ${options.length === 1 ? "member" : "members"} to mention. Up and Down to choose, Enter to insert, Escape to close.`
          : ""}
      </div>
    </>
  );

  return { textareaProps, listbox, onKeyDown, close };
}
