import { useRef } from "react";

/**
 * A number that changes each time the action answers. Used as the `key` of password inputs, it
 * empties them after every server reply, with JavaScript as without (where the page is new).
 */
export function useReplyKey(actionData: unknown): number {
  const last = useRef(actionData);
  const count = useRef(0);
  if (last.current !== actionData) {
    last.current = actionData;
    count.current += 1;
  }
  return count.current;
}
