import { Form } from "@remix-run/react";
import { useState, type MouseEvent } from "react";
import { useHydrated } from "remix-utils/use-hydrated";
import { REACTION_EMOJI } from "../../../server/schemas/reaction-emoji";

export interface ReactionCount {
  emoji: string;
  count: number;
  mine: boolean;
}

/** One form serves every reaction button of the feed (each names it with `form=`), like Delete. */
export const REACT_FORM_ID = "react-form";

export function ReactForm() {
  return (
    <Form id={REACT_FORM_ID} method="post" preventScrollReset hidden>
      <input type="hidden" name="intent" value="react" />
    </Form>
  );
}

export const reactionLabel = ({ emoji, count, mine }: ReactionCount) => `${emoji} ${count}${mine ? ", including you" : ""}`;

const chip = "rounded-full border px-2 py-0.5 text-sm";

/**
 * A post's reactions as toggle buttons ("👍 3, including you"), and a way to add one: a page of the
 * six without JavaScript, an inline row of them with it.
 */
export function PostReactions({ roomId, postId, reactions }: { roomId: string; postId: string; reactions: ReactionCount[] }) {
  const hydrated = useHydrated();
  const [picking, setPicking] = useState(false);
  const open = (event: MouseEvent) => {
    if (!hydrated) return;
    event.preventDefault();
    setPicking((now) => !now);
  };
  return (
    <div className="post-reactions">
      {reactions.map((reaction) => (
        <button
          key={reaction.emoji}
          type="submit"
          form={REACT_FORM_ID}
          name="reaction"
          value={`${postId} ${reaction.emoji}`}
          aria-pressed={reaction.mine}
          aria-label={reactionLabel(reaction)}
          className={`${chip} ${reaction.mine ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"}`}
        >
          {reaction.emoji} {reaction.count}
        </button>
      ))}
      <a
        href={`/room/${roomId}/posts/${postId}/react`}
        onClick={open}
        aria-expanded={hydrated ? picking : undefined}
        aria-label="React to this post"
      >
        React
      </a>
      {picking
        ? REACTION_EMOJI.map((emoji) => (
            <button
              key={emoji}
              type="submit"
              form={REACT_FORM_ID}
              name="reaction"
              value={`${postId} ${emoji}`}
              // Closed after the click has submitted the form (closing at once would drop the button first).
              onClick={() => requestAnimationFrame(() => setPicking(false))}
              aria-label={`React with ${emoji}`}
              className={`${chip} border-slate-300 bg-white`}
            >
              {emoji}
            </button>
          ))
        : null}
    </div>
  );
}
