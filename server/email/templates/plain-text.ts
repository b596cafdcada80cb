import { singleLine } from "../escape-html";

/**
 * Names (of people and rooms) in emails are plain text, never links. Mail clients turn text that
 * looks like a web or email address into a link, even in the HTML part, so a room named
 * `evil.example/login` would arrive as a link nobody at Parley wrote. The technique (Sanford
 * Whiteman, "Stop email clients from hyperlinking text that's merely URL-like"): an invisible word
 * joiner, U+2060, before each `.`, `:`, `/` and `@`; a Unicode format character cannot be part of
 * a URL, so no client's pattern matches. In HTML each such mark is also wrapped in a `<span>`,
 * the other known way to break a client's link detection (see `defuseLinks`).
 */
const WORD_JOINER = "\u2060";

/** A name as it goes into a subject, a text body or an HTML paragraph: one line, never a link. */
export function plainName(value: string): string {
  return singleLine(value).replace(/[.:/@]/g, (mark) => `${WORD_JOINER}${mark}`);
}

/** For escaped HTML text: each mark `plainName` made becomes a span of its own. */
export function defuseLinks(escapedHtml: string): string {
  return escapedHtml.replace(/\u2060([.:/@])/g, "<span>&#8288;$1</span>");
}
