import { singleLine } from "../escape-html";
import { emailHtml, type RenderedEmail } from "./layout";
import { plainName } from "./plain-text";

/** Sent to the old address once a proven new one has replaced it (SECURITY 25). */
export function emailChangedEmail(input: { appUrl: string; name: string; newEmail: string }): RenderedEmail {
  const name = plainName(input.name);
  const newEmail = singleLine(input.newEmail);
  const subject = "Your Parley email address was changed";
  const lines = [
    `Hello ${name},`,
    `The email address of your Parley account was changed to ${newEmail}, and every device that was signed in has been signed out. This address no longer signs in to it.`,
    "If you did not make this change, someone who knows your password has your account: tell the people who run this Parley at once.",
  ];
  return {
    subject,
    text: `${lines.join("\n\n")}\n\n— Parley, ${input.appUrl}\n`,
    html: emailHtml({ appUrl: input.appUrl, heading: subject, paragraphs: lines }),
  };
}
