import { Lexer, type Token } from "marked";

/*
 * Where a post names someone: `@username` in its ordinary text. The server reads a post this way to
 * record who it names, and the feed renders it the same way, so what is linked is what was recorded:
 * never inside code spans or blocks, links (an address like a@b.c is one), headings or raw HTML,
 * all of which the feed shows as typed. Shared by the posts service and app/utils/format-message.
 */

export const MARKDOWN_OPTIONS = { gfm: true, breaks: true } as const;

/**
 * `@` not glued to a word, a dot, a plus or another `@` (so not an email address), then the
 * characters a username may have. A trailing dot ends the sentence, not the name.
 */
const MENTION = /(?<![\w.@+-])@([A-Za-z0-9._-]+)/g;
const USERNAME_LENGTH = { min: 3, max: 50 } as const;

export type TextPiece = string | { mention: string; text: string };

/** A piece of ordinary text, split into plain runs and mentions (`mention` is the lower-cased username). */
export function splitMentions(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const name = match[1]!.replace(/\.+$/, "");
    if (name.length < USERNAME_LENGTH.min || name.length > USERNAME_LENGTH.max) continue;
    const start = match.index;
    if (start > last) pieces.push(text.slice(last, start));
    pieces.push({ mention: name.toLowerCase(), text: `@${name}` });
    last = start + 1 + name.length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

/** The inline tokens whose text the feed shows as ordinary text (see format-message). */
const INLINE_CONTAINERS = new Set(["strong", "em", "del"]);

function visitInline(tokens: Token[] | undefined, visit: (text: string) => void) {
  for (const token of tokens ?? []) {
    if (token.type === "text") {
      if ("tokens" in token && token.tokens?.length) visitInline(token.tokens, visit);
      else visit((token as { text: string }).text);
    } else if (INLINE_CONTAINERS.has(token.type)) {
      visitInline((token as { tokens?: Token[] }).tokens, visit);
    }
  }
}

function visitBlock(token: Token, visit: (text: string) => void) {
  switch (token.type) {
    case "paragraph":
      visitInline((token as { tokens?: Token[] }).tokens, visit);
      break;
    case "text":
      visitInline([token], visit);
      break;
    case "list":
      for (const item of (token as { items: Array<{ tokens: Token[] }> }).items) for (const child of item.tokens) visitBlock(child, visit);
      break;
    case "blockquote":
      for (const child of (token as { tokens: Token[] }).tokens) visitBlock(child, visit);
      break;
  }
}

/** The lower-cased usernames a message names, each once, in order of first mention. */
export function mentionedNames(message: string): string[] {
  const names = new Set<string>();
  for (const token of new Lexer(MARKDOWN_OPTIONS).lex(message)) {
    visitBlock(token, (text) => {
      for (const piece of splitMentions(text)) if (typeof piece !== "string") names.add(piece.mention);
    });
  }
  return [...names];
}
