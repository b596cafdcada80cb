import { emailHtml, type RenderedEmail } from "./layout";
import { plainName } from "./plain-text";

export function passwordResetEmail(input: { appUrl: string; name: string; resetUrl: string; expiresInMinutes: number }): RenderedEmail {
  const name = plainName(input.name);
  const subject = "Reset your Parley password";
  const lines = [
    `Hello ${name},`,
    "Someone (hopefully you) asked to reset the password of your Parley account.",
    `Choose a new password with this link. It works once and expires in ${input.expiresInMinutes} minutes.`,
  ];
  const ignore = "If you did not ask for this, ignore this email: your password stays as it is.";
  return {
    subject,
    text: `${lines.join("\n\n")}\n\n${input.resetUrl}\n\n${ignore}\n\n— Parley, ${input.appUrl}\n`,
    html: emailHtml({
      appUrl: input.appUrl,
      heading: subject,
      paragraphs: lines,
      action: { label: "Choose a new password", url: input.resetUrl },
      footer: ignore,
    }),
  };
}
