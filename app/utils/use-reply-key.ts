import { useState } from "react";

/**
 * A number that changes each time the action answers. Used as the `key` of password inputs, it
 * empties them after every server reply, with JavaScript as without (where the page is new).
 */
export function useReplyKey(actionData: unknown): number {
  const [last, setLast] = useState(actionData);
  const [count, setCount] = useState(0);
  // State adjusted while rendering (React re-renders at once, before painting), not a ref written during render.
  if (last !== actionData) {
    setLast(actionData);
    setCount(count + 1);
  }
  return count;
}
