import { emailHtml, type RenderedEmail } from "./layout";
import { plainName } from "./plain-text";

/** How much of the post the email quotes: the post itself is one click away. */
export const MENTION_QUOTE_MAX = 1_000;

/** The post's paragraphs as plain text (never links, like names), shortened to MENTION_QUOTE_MAX. */
function quoteOf(message: string): string[] {
  const quoted = message.length > MENTION_QUOTE_MAX ? `${message.slice(0, MENTION_QUOTE_MAX).trimEnd()}…` : message;
  return quoted
    .split(/\n\s*\n/)
    .map(plainName)
    .filter(Boolean);
}

export function mentionEmail(input: {
  appUrl: string;
  recipientName: string;
  authorName: string;
  roomName: string;
  message: string;
  postUrl: string;
}): RenderedEmail {
  const author = plainName(input.authorName);
  const room = plainName(input.roomName);
  const subject = `${author} mentioned you in ${room}`;
  const quote = quoteOf(input.message);
  const lines = [`Hello ${plainName(input.recipientName)},`, `${author} mentioned you in the room “${room}” on Parley:`];
  const footer = "You can turn these emails off on your Parley profile: Email me when someone mentions me.";
  return {
    subject,
    text: `${lines.join("\n\n")}\n\n${quote.map((p) => `> ${p}`).join("\n>\n")}\n\nSee the post: ${input.postUrl}\n\n${footer}\n\n— Parley, ${input.appUrl}\n`,
    html: emailHtml({
      appUrl: input.appUrl,
      heading: subject,
      paragraphs: [...lines, ...quote],
      action: { label: "See the post", url: input.postUrl },
      footer,
    }),
  };
}
