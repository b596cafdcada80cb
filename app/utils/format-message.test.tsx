import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { formatMessage } from "./format-message";

const html = (text: string) => renderToStaticMarkup(<>{formatMessage(text)}</>);

describe("formatting a message", () => {
  it("renders Slack's everyday Markdown: bold either way, italic, code, code blocks, bullets", () => {
    expect(html("*bold* and **bold** and _italic_")).toBe("<p><strong>bold</strong> and <strong>bold</strong> and <em>italic</em></p>");
    expect(html("run `npm test` now")).toBe("<p>run <code>npm test</code> now</p>");
    expect(html("```\nconst a = 1 < 2;\n```")).toBe("<pre><code>const a = 1 &lt; 2;</code></pre>");
    expect(html("- one\n- two")).toBe("<ul><li>one</li><li>two</li></ul>");
    expect(html("line one\nline two")).toBe("<p>line one<br/>line two</p>");
  });

  it("makes http(s) links, bare or written as Markdown, with rel noopener noreferrer nofollow", () => {
    const rel = 'rel="noopener noreferrer nofollow"';
    expect(html("see https://example.test/a?b=1.")).toContain(`<a href="https://example.test/a?b=1" ${rel}`);
    expect(html("[the spec](https://example.test/spec)")).toMatch(
      new RegExp(`<a href="https://example.test/spec" ${rel}[^>]*>the spec</a>`),
    );
  });

  it("never interprets HTML: tags, attributes and entities arrive as text", () => {
    for (const attack of [
      '"><img src=x onerror=alert(1)>',
      "</script><script>alert(1)</script>",
      "<div onclick=alert(1)>hi</div>",
      "<b>not bold</b> &lt;",
      "<!-- comment --> <style>body{display:none}</style>",
      '<a href="javascript:alert(1)">x</a>',
    ]) {
      const out = html(attack);
      expect(out, attack).not.toMatch(/<(img|script|div|b|style|a)\b/i);
      expect(out, attack).not.toMatch(/<!--/);
    }
    expect(html("<b>not bold</b>")).toBe("<p>&lt;b&gt;not bold&lt;/b&gt;</p>");
  });

  it("refuses links that are not http(s) or mailto, and shows no images", () => {
    for (const text of [
      "[x](javascript:alert(1))",
      "[x](data:text/html,<script>alert(1)</script>)",
      "[x](vbscript:msgbox)",
      "![pic](https://tracker.test/p.png)",
    ]) {
      expect(html(text), text).not.toMatch(/<(a|img)\b/);
    }
    expect(html("[mail](mailto:ada@example.test)")).toContain('href="mailto:ada@example.test"');
  });

  it("keeps headings as ordinary lines (the page's own headings stay in order)", () => {
    expect(html("# Big news")).toBe("<p># Big news</p>");
  });
});

describe("mentions in a message", () => {
  const ROOM = "r1";
  const members = new Map([
    ["bob", "u-bob"],
    ["ada", "u-ada"],
  ]);
  const asBob = (text: string) => renderToStaticMarkup(<>{formatMessage(text, { roomId: ROOM, viewerId: "u-bob", members })}</>);

  it("links a named member to them in the members list, highlighted; the reader's own name more strongly, said to be theirs", () => {
    expect(asBob("@ada look")).toBe(`<p><a href="/room/r1?members=open#member-u-ada" class="mention">@ada</a> look</p>`);
    expect(asBob("@Bob look.")).toBe(
      `<p><a href="/room/r1?members=open#member-u-bob" class="mention mention-you">@Bob<span class="sr-only"> (you)</span></a> look.</p>`,
    );
  });

  it("leaves unknown names, code, links and email addresses as text", () => {
    expect(asBob("@carol hi")).toBe("<p>@carol hi</p>");
    expect(asBob("`@bob`")).toBe("<p><code>@bob</code></p>");
    expect(asBob("```\n@bob\n```")).toBe("<pre><code>@bob</code></pre>");
    expect(asBob("mail ada@bob.test")).not.toContain("mention");
    expect(asBob("[@bob](https://example.test)")).not.toContain("mention");
    expect(html("@bob without context")).toBe("<p>@bob without context</p>");
  });

  it("links mentions inside formatting, lists and quotes", () => {
    expect(asBob("**@ada** - x")).toContain(`<strong><a href="/room/r1?members=open#member-u-ada" class="mention">@ada</a></strong>`);
    expect(asBob("- @ada\n> @ada")).toMatch(/<li><a [^>]*>@ada<\/a><\/li>.*<blockquote><p><a [^>]*>@ada<\/a><\/p><\/blockquote>/);
  });

  it("never interprets HTML around or inside a mention", () => {
    const hostile = new Map([["x.y", 'u-1"><img src=x onerror=alert(1)>']]);
    for (const attack of [
      '@ada"><img src=x onerror=alert(1)>',
      "@ada<script>alert(1)</script>",
      '<a href="javascript:alert(1)">@ada</a>',
      "@ada</p><script>alert(1)</script>",
    ]) {
      const out = asBob(attack);
      expect(out, attack).not.toMatch(/<(img|script)\b/i);
      expect(out, attack).not.toMatch(/href="javascript:/);
    }
    // Even an id that is not one (ids come from the server) stays inside its attribute.
    const out = renderToStaticMarkup(<>{formatMessage("@x.y", { roomId: ROOM, viewerId: "u-bob", members: hostile })}</>);
    expect(out).not.toMatch(/<img\b/);
    expect(out).toContain("&quot;&gt;&lt;img");
  });
});
