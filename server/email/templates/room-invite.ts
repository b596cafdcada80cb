import { singleLine } from "../escape-html";
import { emailHtml, type RenderedEmail } from "./layout";
import { plainName } from "./plain-text";

export function roomInviteEmail(input: {
  appUrl: string;
  inviteeName: string;
  inviterName: string;
  roomName: string;
  joinUrl: string;
  expiresInDays: number;
}): RenderedEmail {
  const inviter = plainName(input.inviterName);
  const room = plainName(input.roomName);
  const subject = singleLine(`${inviter} invited you to “${room}” on Parley`);
  const lines = [
    `Hello ${plainName(input.inviteeName)},`,
    `${inviter} added you to the room “${room}” on Parley, where the team posts updates and meets on video.`,
    `Open the room with this link. It is for you only and works for ${input.expiresInDays} days.`,
  ];
  return {
    subject,
    text: `${lines.join("\n\n")}\n\n${input.joinUrl}\n\nIf you have a Parley account with this address, the invitation is also under "My invites".\n\n— Parley, ${input.appUrl}\n`,
    html: emailHtml({
      appUrl: input.appUrl,
      heading: `You are invited to “${room}”`,
      paragraphs: lines,
      action: { label: "Open the room", url: input.joinUrl },
      footer: 'If you have a Parley account with this address, the invitation is also under "My invites".',
    }),
  };
}
