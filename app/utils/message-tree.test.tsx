import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { formatMessage } from "./format-message";
import { messageText, renderMessage, type MessageNode } from "./message-tree";
import { messageTree } from "./message-tree.server";

const html = (nodes: React.ReactNode) => renderToStaticMarkup(<>{nodes}</>);
const viaTree = (text: string) => html(renderMessage(JSON.parse(JSON.stringify(messageTree(text))) as MessageNode[]));

describe("a formatted message as data (the room page's JS carries no Markdown parser)", () => {
  const messages = [
    "plain words",
    "*bold* and **bold** and _italic_ and ~~gone~~",
    "run `npm test` now",
    "```\nconst a = 1 < 2;\n```",
    "- one\n- two\n  - nested",
    "3. three\n4. four",
    "1. one\n2. two",
    "> quoted *words*\n> more",
    "line one\nline two\n\nsecond paragraph",
    "see https://example.test/a?b=1. and [the spec](https://example.test/spec) or [mail](mailto:ada@example.test)",
    "[**bold link**](https://example.test/x)",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
    "<b>not bold</b> &lt; &amp;",
    "[x](javascript:alert(1)) ![pic](https://tracker.test/p.png)",
    "# Big news\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "\\*not emphasis\\*",
  ];

  it("renders exactly what formatMessage renders, after a trip through JSON", () => {
    for (const text of messages) expect(viaTree(text), text).toBe(html(formatMessage(text)));
  });

  it("parses the same words once, and shares the tree only when it names nobody", () => {
    const text = "words parsed *once*";
    const first = messageTree(text);
    expect(messageTree(text)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    const mentions = { roomId: "5f0c7c52-4a8e-4d8e-9a35-5a0f1c2b3d4e", viewerId: "v", members: new Map([["ada", "a"]]) };
    const named = `@ada ${text}`;
    expect(messageTree(named, mentions)).not.toBe(messageTree(named, mentions));
  });

  it("says a bare URL once", () => {
    expect(JSON.stringify(messageTree("go https://example.test/a"))).toBe('[["p","go ",["a",{"href":"https://example.test/a"}]]]');
  });

  it("builds nothing but allowed tags and http(s)/mailto links, whatever the data says", () => {
    const hostile = [
      ["script", "alert(1)"],
      ["img", { src: "x", onerror: "alert(1)" }],
      ["a", { href: "javascript:alert(1)" }, "click"],
      ["p", { onclick: "alert(1)", style: "display:none" }, "<b>text</b>"],
    ] as MessageNode[];
    const out = html(renderMessage(hostile));
    expect(out).toBe("<span>alert(1)</span><span></span>click<p>&lt;b&gt;text&lt;/b&gt;</p>");
  });

  it("keeps mentions of members linked, the reader's own marked as theirs, after a trip through JSON", () => {
    const roomId = "5f0c7c52-4a8e-4d8e-9a35-5a0f1c2b3d4e";
    const ada = "0d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";
    const bob = "1e2d3c4b-5a69-4877-8695-a4b3c2d1e0f9";
    const mentions = {
      roomId,
      viewerId: bob,
      members: new Map([
        ["ada", ada],
        ["bob", bob],
      ]),
    };
    for (const text of ["hi @ada and @bob", "**@ada** look, `@bob` is code", "@nobody here"]) {
      const tree = JSON.parse(JSON.stringify(messageTree(text, mentions))) as MessageNode[];
      expect(html(renderMessage(tree)), text).toBe(html(formatMessage(text, mentions)));
    }
    expect(html(renderMessage(messageTree("hi @bob", mentions)))).toBe(
      `<p>hi <a href="/room/${roomId}?members=open#member-${bob}" class="mention mention-you">@bob<span class="sr-only"> (you)</span></a></p>`,
    );
  });

  it("lets a mention's class and address through only in a mention's own shape", () => {
    const hostile = [
      ["a", { href: "/elsewhere", className: "mention" }, "@ada"],
      ["a", { href: "https://evil.test/", className: "mention" }, "@ada"],
      ["span", { className: "fixed inset-0" }, "cover"],
      ["p", { className: "sr-only" }, "hidden?"],
    ] as MessageNode[];
    expect(html(renderMessage(hostile))).toBe(
      '@ada<a href="https://evil.test/" rel="noopener noreferrer nofollow">@ada</a><span>cover</span><p>hidden?</p>',
    );
  });

  it("gives the words alone for announcements", () => {
    expect(messageText(messageTree("*Hi* all\nsee https://example.test/a\n\n- one"))).toBe("Hi all\nsee https://example.test/a\none");
  });
});
