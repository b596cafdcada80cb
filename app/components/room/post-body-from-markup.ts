import type { MessageNode, MessageProps } from "~/utils/message-tree";

const fromMarkup = new Map<string, MessageNode[]>();

function nodesOf(parent: Node): MessageNode[] {
  const nodes: MessageNode[] = [];
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) nodes.push((child as Text).data);
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const element = child as Element;
    const props: MessageProps = {};
    for (const name of ["href", "class", "start"]) {
      const value = element.getAttribute(name);
      if (value !== null) props[name === "class" ? "className" : name] = name === "start" ? Number(value) : value;
    }
    nodes.push(Object.keys(props).length ? [element.localName, props, ...nodesOf(element)] : [element.localName, ...nodesOf(element)]);
  }
  return nodes;
}

/**
 * A post's formatted words, read back from the page's markup: a whole page sends them once, in its
 * HTML, not again in the hydration data (`DocumentOnlyData`). Read when the post first renders in
 * the browser (hydration, before React changes anything) and kept for when it renders again (an
 * editor opened and closed). `renderMessage` checks what is read against its allowlist, as it does
 * the server's data.
 */
export function postBodyFromMarkup(postId: string): MessageNode[] | undefined {
  let nodes = fromMarkup.get(postId);
  if (!nodes) {
    const body = document.getElementById(`post-${postId}`)?.querySelector(".post-body");
    if (!body) return undefined;
    nodes = nodesOf(body);
    fromMarkup.set(postId, nodes);
  }
  return nodes;
}
