import { emailHtml, type RenderedEmail } from "./layout";
import { plainName } from "./plain-text";

const formatUtc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " at ")} UTC`;

export function passwordChangedEmail(input: { appUrl: string; name: string; resetRequestUrl: string; changedAt: Date }): RenderedEmail {
  const name = plainName(input.name);
  const subject = "Your Parley password was changed";
  const lines = [
    `Hello ${name},`,
    `The password of your Parley account was changed on ${formatUtc(input.changedAt)}, and every device that was signed in has been signed out.`,
    "If this was you, there is nothing else to do. If it was not, reset your password now:",
  ];
  return {
    subject,
    text: `${lines.join("\n\n")}\n\n${input.resetRequestUrl}\n\n— Parley, ${input.appUrl}\n`,
    html: emailHtml({
      appUrl: input.appUrl,
      heading: subject,
      paragraphs: lines,
      action: { label: "Reset my password", url: input.resetRequestUrl },
    }),
  };
}
