import { Lexer, type Token, type Tokens } from "marked";
import { Fragment, type ReactNode } from "react";
import { MARKDOWN_OPTIONS, splitMentions } from "../../server/schemas/mentions";

/*
 * A post's Markdown, as React elements. marked only tokenises (GFM, single newlines kept as line
 * breaks); the elements are built here from a short list of token kinds, so no HTML string is ever
 * made and nothing the author wrote is interpreted as HTML: raw HTML, headings, images and link
 * definitions come out as the text that was typed. Slack's habit is kept: `*bold*` is bold.
 */

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/**
 * Who the post names (what the server recorded: the room's members, by lower-cased username) and
 * who is reading: `@name` of one of them is a link to them in the members list, the reader's own
 * one stronger and said to be theirs. Any other `@name` stays text.
 */
export interface MentionContext {
  roomId: string;
  viewerId: string;
  /** lower-cased username → user id */
  members: ReadonlyMap<string, string>;
}

const asText = (token: Token) => token.raw.replace(/\n+$/, "");

function withMentions(text: string, mentions: MentionContext | undefined): ReactNode {
  if (!mentions?.members.size || !text.includes("@")) return text;
  return splitMentions(text).map((piece, index) => {
    const userId = typeof piece === "string" ? undefined : mentions.members.get(piece.mention);
    if (typeof piece === "string" || !userId) return <Fragment key={index}>{typeof piece === "string" ? piece : piece.text}</Fragment>;
    const you = userId === mentions.viewerId;
    return (
      <a key={index} href={`/room/${mentions.roomId}?members=open#member-${userId}`} className={you ? "mention mention-you" : "mention"}>
        {piece.text}
        {you ? <span className="sr-only"> (you)</span> : null}
      </a>
    );
  });
}

function inline(tokens: Token[] | undefined, mentions?: MentionContext): ReactNode[] {
  return (tokens ?? []).map((token, index) => <Fragment key={index}>{inlineToken(token, mentions)}</Fragment>);
}

function inlineToken(token: Token, mentions?: MentionContext): ReactNode {
  switch (token.type) {
    case "text":
      return "tokens" in token && token.tokens?.length
        ? inline(token.tokens, mentions)
        : withMentions((token as Tokens.Text).text, mentions);
    case "escape":
      return (token as Tokens.Escape).text;
    case "strong":
      return <strong>{inline((token as Tokens.Strong).tokens, mentions)}</strong>;
    case "em":
      // Slack's *bold*: one star is bold; underscores are italic.
      return token.raw.startsWith("*") ? (
        <strong>{inline((token as Tokens.Em).tokens, mentions)}</strong>
      ) : (
        <em>{inline((token as Tokens.Em).tokens, mentions)}</em>
      );
    case "del":
      return <del>{inline((token as Tokens.Del).tokens, mentions)}</del>;
    case "codespan":
      return <code>{(token as Tokens.Codespan).text}</code>;
    case "br":
      return <br />;
    case "link": {
      const link = token as Tokens.Link;
      if (!SAFE_HREF.test(link.href)) return asText(token);
      return (
        <a href={link.href} rel="noopener noreferrer nofollow">
          {inline(link.tokens)}
        </a>
      );
    }
    default:
      // html, image and anything else: exactly what was typed, as text.
      return asText(token);
  }
}

function block(token: Token, key: number, mentions?: MentionContext): ReactNode {
  switch (token.type) {
    case "space":
      return null;
    case "paragraph":
      return <p key={key}>{inline((token as Tokens.Paragraph).tokens, mentions)}</p>;
    case "text":
      return <Fragment key={key}>{inlineToken(token, mentions)}</Fragment>;
    case "code":
      return (
        <pre key={key}>
          <code>{(token as Tokens.Code).text}</code>
        </pre>
      );
    case "list": {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => <li key={index}>{item.tokens.map((child, i) => block(child, i, mentions))}</li>);
      return list.ordered ? (
        <ol key={key} start={typeof list.start === "number" && list.start !== 1 ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case "blockquote":
      return <blockquote key={key}>{(token as Tokens.Blockquote).tokens.map((child, i) => block(child, i, mentions))}</blockquote>;
    default:
      // Headings (the page's headings stay in order), html, tables, definitions: the typed text.
      return <p key={key}>{asText(token)}</p>;
  }
}

export function formatMessage(text: string, mentions?: MentionContext): ReactNode[] {
  return new Lexer(MARKDOWN_OPTIONS).lex(text).map((token, key) => block(token, key, mentions));
}
