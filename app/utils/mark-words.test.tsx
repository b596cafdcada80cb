import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { formatMessage } from "./format-message";
import { markWords } from "./mark-words";

const html = (message: string, words: string[]) => renderToStaticMarkup(<>{markWords(formatMessage(message), words)}</>);

describe("markWords", () => {
  it("marks every occurrence of each word, in any case, inside formatted text", () => {
    expect(html("The **Launch** plan: launch on _Friday_", ["launch", "friday"])).toBe(
      "<p>The <strong><mark>Launch</mark></strong> plan: <mark>launch</mark> on <em><mark>Friday</mark></em></p>",
    );
  });

  it("takes the words literally and keeps what was typed as text, never HTML", () => {
    expect(html('<img src=x onerror="alert(1)"> costs 5.00 (a+b)', ["(a+b)", "5.00", "img"])).toBe(
      "<p>&lt;<mark>img</mark> src=x onerror=&quot;alert(1)&quot;&gt; costs <mark>5.00</mark> <mark>(a+b)</mark></p>",
    );
  });

  it("leaves text without the words as it was", () => {
    expect(html("nothing here", ["zebra"])).toBe("<p>nothing here</p>");
  });
});
