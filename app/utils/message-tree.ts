import { createElement, type ReactNode } from "react";

/**
 * A formatted post as data: the elements `formatMessage` builds on the server, so the room page's
 * JS needs no Markdown parser. A node is text or `[tag, props?, ...children]`; a link whose text is
 * its address (a bare URL) leaves the text off. Built from an allowlist of tags and safe addresses
 * only, whatever arrives: text is always text.
 */
export type MessageNode = string | MessageElement;
export type MessageElement = [tag: string, ...rest: (MessageNode | MessageProps)[]];
export type MessageProps = Record<string, string | number>;

const TAGS = new Set(["p", "br", "strong", "em", "del", "code", "pre", "a", "ul", "ol", "li", "blockquote"]);
export const SAFE_HREF = /^(https?:\/\/|mailto:)/i;
/** A mention: a link to that member in the room's member list, and nothing else. */
const MENTION_HREF = /^\/room\/[0-9a-f-]{36}\?members=open#member-[0-9a-f-]{36}$/;
/** The only classes a formatted post may carry: a mention, the reader's own, and words for screen readers. */
const CLASSES = new Set(["mention", "mention mention-you", "sr-only"]);
export const LINK_REL = "noopener noreferrer nofollow";

const isProps = (value: unknown): value is MessageProps => typeof value === "object" && value !== null && !Array.isArray(value);

function renderNode(node: MessageNode, key: number): ReactNode {
  if (typeof node === "string") return node;
  const [tag, maybeProps, ...rest] = node;
  const props = isProps(maybeProps) ? maybeProps : {};
  const children = (isProps(maybeProps) ? rest : node.slice(1)) as MessageNode[];
  const className = typeof props.className === "string" && CLASSES.has(props.className) ? props.className : undefined;
  if (tag === "a" && className?.startsWith("mention") && MENTION_HREF.test(String(props.href))) {
    return createElement("a", { key, href: String(props.href), className }, ...renderMessage(children));
  }
  if (tag === "span" && className === "sr-only") return createElement("span", { key, className }, ...renderMessage(children));
  if (tag === "a") {
    const href = String(props.href ?? "");
    if (!SAFE_HREF.test(href)) return renderMessage(children.length ? children : [href]);
    return createElement("a", { key, href, rel: LINK_REL }, ...renderMessage(children.length ? children : [href]));
  }
  if (!TAGS.has(tag)) return createElement("span", { key }, ...renderMessage(children));
  const { start } = props;
  return createElement(tag, { key, start: typeof start === "number" ? start : undefined }, ...renderMessage(children));
}

export function renderMessage(nodes: MessageNode[]): ReactNode[] {
  return nodes.map(renderNode);
}

/** The words alone (for announcements). */
export function messageText(nodes: MessageNode[]): string {
  return nodes
    .map((node) => {
      if (typeof node === "string") return node;
      const [tag, maybeProps, ...rest] = node;
      if (tag === "br") return "\n";
      const children = (isProps(maybeProps) ? rest : node.slice(1)) as MessageNode[];
      const text = children.length ? messageText(children) : tag === "a" && isProps(maybeProps) ? String(maybeProps.href) : "";
      return ["p", "pre", "li", "blockquote"].includes(tag) ? `${text}\n` : text;
    })
    .join("")
    .trim();
}
