import { Lexer, type Token, type Tokens } from "marked";
import { Fragment, type ReactNode } from "react";

/*
 * A post's Markdown, as React elements. marked only tokenises (GFM, single newlines kept as line
 * breaks); the elements are built here from a short list of token kinds, so no HTML string is ever
 * made and nothing the author wrote is interpreted as HTML: raw HTML, headings, images and link
 * definitions come out as the text that was typed. Slack's habit is kept: `*bold*` is bold.
 */

const LEXER_OPTIONS = { gfm: true, breaks: true } as const;
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

const asText = (token: Token) => token.raw.replace(/\n+$/, "");

function inline(tokens: Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, index) => <Fragment key={index}>{inlineToken(token)}</Fragment>);
}

function inlineToken(token: Token): ReactNode {
  switch (token.type) {
    case "text":
      return "tokens" in token && token.tokens?.length ? inline(token.tokens) : (token as Tokens.Text).text;
    case "escape":
      return (token as Tokens.Escape).text;
    case "strong":
      return <strong>{inline((token as Tokens.Strong).tokens)}</strong>;
    case "em":
      // Slack's *bold*: one star is bold; underscores are italic.
      return token.raw.startsWith("*") ? (
        <strong>{inline((token as Tokens.Em).tokens)}</strong>
      ) : (
        <em>{inline((token as Tokens.Em).tokens)}</em>
      );
    case "del":
      return <del>{inline((token as Tokens.Del).tokens)}</del>;
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

function block(token: Token, key: number): ReactNode {
  switch (token.type) {
    case "space":
      return null;
    case "paragraph":
      return <p key={key}>{inline((token as Tokens.Paragraph).tokens)}</p>;
    case "text":
      return <Fragment key={key}>{inlineToken(token)}</Fragment>;
    case "code":
      return (
        <pre key={key}>
          <code>{(token as Tokens.Code).text}</code>
        </pre>
      );
    case "list": {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => <li key={index}>{item.tokens.map(block)}</li>);
      return list.ordered ? (
        <ol key={key} start={typeof list.start === "number" && list.start !== 1 ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case "blockquote":
      return <blockquote key={key}>{(token as Tokens.Blockquote).tokens.map(block)}</blockquote>;
    default:
      // Headings (the page's headings stay in order), html, tables, definitions: the typed text.
      return <p key={key}>{asText(token)}</p>;
  }
}

export function formatMessage(text: string): ReactNode[] {
  return new Lexer(LEXER_OPTIONS).lex(text).map(block);
}
