import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from "react";

/** [username, name], as the room's mentionable resource route sends them. */
type Member = [username: string, name: string];

const MAX_SHOWN = 8;
/** `@` and what follows it up to the caret, when it starts a mention (as server/schemas/mentions reads one). */
const TYPING_MENTION = /(?:^|[^\w.@+-])@([A-Za-z0-9._-]{0,50})$/;
const CARET_KEYS = new Set(["ArrowLeft", "ArrowRight", "Home", "End"]);

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

/** What the textarea and the live region say while the list is open. */
export interface OpenSuggestions {
  activeOptionId: string;
  count: number;
}

/** The textarea's events the list acts on, forwarded by `useMentionSuggestions`. */
export interface MentionSuggestionListHandle {
  /** Reads what is being typed at the caret: a mention opens (or narrows) the suggestions. */
  update(): void;
  onKeyUp(event: KeyboardEvent<HTMLTextAreaElement>): void;
  /** Handles the keys the suggestions own; true when it did (the composer then leaves the key alone). */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  close(): void;
}

interface MentionSuggestionListProps {
  id: string;
  roomId: string;
  textarea: RefObject<HTMLTextAreaElement>;
  onOpenChange(open: OpenSuggestions | null): void;
}

/**
 * The room's members matching the `@name` typed at the caret, and the keys and clicks that insert
 * one (loaded on demand by `useMentionSuggestions`, which wires the textarea's ARIA). Down/Up
 * choose, Enter or Tab inserts, Escape dismisses; a click inserts too. The members are fetched
 * once, at the first `@`.
 */
const MentionSuggestionList = forwardRef<MentionSuggestionListHandle, MentionSuggestionListProps>(function MentionSuggestionList(
  { id, roomId, textarea, onOpenChange },
  ref,
) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const loading = useRef(false);
  const [query, setQuery] = useState<{ start: number; text: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);

  const options = query && members && !dismissed ? matching(members, query.text) : [];
  const open = options.length > 0;
  const current = Math.min(active, options.length - 1);
  const optionId = (index: number) => `${id}-${index}`;

  const load = useCallback(() => {
    if (loading.current) return;
    loading.current = true;
    fetch(`/room/${roomId}/mentionable`, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<Member[]>) : []))
      .then(setMembers, () => setMembers([]));
  }, [roomId]);

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

  // An "@" typed while this module was still loading is read now.
  useEffect(() => {
    if (textarea.current && textarea.current === document.activeElement) update();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on arrival
  }, []);

  // The textarea's aria-controls and aria-activedescendant, and the live region, are the hook's.
  const activeOptionId = open ? optionId(current) : null;
  useLayoutEffect(() => {
    onOpenChange(activeOptionId ? { activeOptionId, count: options.length } : null);
  }, [onOpenChange, activeOptionId, options.length]);

  function choose([username]: Member) {
    const el = textarea.current;
    if (!el || !query) return;
    el.setRangeText(`@${username} `, query.start, el.selectionStart, "end");
    el.focus();
    setQuery(null);
  }

  useImperativeHandle(ref, () => ({
    update,
    onKeyUp(event) {
      if (CARET_KEYS.has(event.key)) update();
    },
    onKeyDown(event) {
      if (!open) return false;
      const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
      if (move) setActive((index) => (index + move + options.length) % options.length);
      else if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") choose(options[current]!);
      else if (event.key === "Escape") setDismissed(true);
      else return false;
      event.preventDefault();
      return true;
    },
    close: () => setQuery(null),
  }));

  if (!open) return null;
  return (
    <ul
      id={id}
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
          <span className="font-medium">{member[1]}</span> <span className={index === current ? "" : "text-slate-600"}>@{member[0]}</span>
        </li>
      ))}
    </ul>
  );
});

export default MentionSuggestionList;
