import { LRUCache } from "lru-cache";
import { Fragment, isValidElement, type ReactNode } from "react";
import { formatMessage, type MentionContext } from "./format-message";
import type { MessageElement, MessageNode, MessageProps } from "./message-tree";

/** Element props that the renderer sets itself, or that are React's own. */
const DROPPED_PROPS = new Set(["children", "rel"]);

function append(node: ReactNode, out: MessageNode[]): void {
  if (node === null || node === undefined || typeof node === "boolean") return;
  if (typeof node === "string" || typeof node === "number") {
    const last = out.length - 1;
    // Adjacent text (a paragraph made of several text tokens) travels as one string.
    if (typeof out[last] === "string") out[last] += String(node);
    else out.push(String(node));
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) append(child as ReactNode, out);
    return;
  }
  if (!isValidElement<Record<string, unknown>>(node)) return;
  if (node.type === Fragment) return append(node.props.children as ReactNode, out);
  if (typeof node.type !== "string") throw new Error("formatMessage made a non-HTML element");
  const props: MessageProps = {};
  for (const [name, value] of Object.entries(node.props))
    if (!DROPPED_PROPS.has(name) && (typeof value === "string" || typeof value === "number")) props[name] = value;
  const children: MessageNode[] = [];
  append(node.props.children as ReactNode, children);
  const element: MessageElement = [node.type];
  if (Object.keys(props).length) element.push(props);
  // A bare URL: its text is its address, said once.
  if (!(node.type === "a" && children.length === 1 && children[0] === props.href)) element.push(...children);
  out.push(element);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Posts without mentions, formatted, by their words: the same words always make the same tree, so
 * the room page parses each post's Markdown once, not on every request (it was a tenth of the
 * page's server time). Bounded by the words' length, about 4 MB of text.
 */
const formattedByText = new LRUCache<string, MessageNode[]>({ maxSize: 4_000_000, sizeCalculation: (_tree, text) => text.length + 1 });

/** A post's Markdown, its mentions linked for this reader, as the data `renderMessage` turns back into the same elements. Shared: never change it. */
export function messageTree(text: string, mentions?: MentionContext): MessageNode[] {
  // A mention is linked per reader and per room: those trees are not shared.
  const shareable = !mentions?.members.size;
  const cached = shareable ? formattedByText.get(text) : undefined;
  if (cached) return cached;
  const out: MessageNode[] = [];
  append(formatMessage(text, mentions), out);
  if (!shareable) return out;
  formattedByText.set(text, deepFreeze(out));
  return out;
}
