import { Children, cloneElement, Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern finding any of `words`, case-insensitively (as the search's ILIKE does); longest first. */
function wordsPattern(words: string[]): RegExp | null {
  const usable = words.filter(Boolean).sort((a, b) => b.length - a.length);
  return usable.length ? new RegExp(`(${usable.map(escapeRegExp).join("|")})`, "giu") : null;
}

function markText(text: string, pattern: RegExp): ReactNode {
  const parts = text.split(pattern);
  if (parts.length === 1) return text;
  // split() with one capture group: matches sit at the odd indexes.
  return parts.map((part, index) => (index % 2 ? <mark key={index}>{part}</mark> : part ? <Fragment key={index}>{part}</Fragment> : null));
}

function markNode(node: ReactNode, pattern: RegExp): ReactNode {
  if (typeof node === "string") return markText(node, pattern);
  if (Array.isArray(node)) return Children.map(node, (child) => markNode(child, pattern));
  if (isValidElement(node)) {
    const element = node as ReactElement<{ children?: ReactNode }>;
    if (element.props.children === undefined) return element;
    return cloneElement(element, undefined, markNode(element.props.children, pattern));
  }
  return node;
}

/**
 * Wraps each occurrence of the words in rendered text (strings inside elements, as from
 * formatMessage) in <mark>. Only text is touched, never markup, so nothing typed becomes HTML.
 */
export function markWords(nodes: ReactNode, words: string[]): ReactNode {
  const pattern = wordsPattern(words);
  return pattern ? markNode(nodes, pattern) : nodes;
}
