import { singleLine } from "../escape-html";
import { emailHtml, type RenderedEmail } from "./layout";
import { plainName } from "./plain-text";

/**
 * The link that proves an address: the account's own after sign-up (`verify`), or a new address the
 * account asked to move to (`change`), which replaces the old one only once this link is used.
 */
export function emailVerificationEmail(input: {
  appUrl: string;
  name: string;
  email: string;
  purpose: "verify" | "change";
  verifyUrl: string;
  expiresInHours: number;
}): RenderedEmail {
  const name = plainName(input.name);
  const email = singleLine(input.email);
  const change = input.purpose === "change";
  const subject = change ? "Confirm your new Parley email address" : "Confirm your Parley email address";
  const lines = [
    `Hello ${name},`,
    change
      ? `You asked to change the email address of your Parley account to ${email}. It changes only when you confirm it with this link.`
      : `Please confirm that ${email} is your address: invitations sent to it reach your account only once it is confirmed.`,
    `The link works once and expires in ${input.expiresInHours} hours.`,
  ];
  const ignore = change
    ? "If you did not ask for this, ignore this email: the account keeps its current address."
    : "If you did not create a Parley account, ignore this email.";
  return {
    subject,
    text: `${lines.join("\n\n")}\n\n${input.verifyUrl}\n\n${ignore}\n\n— Parley, ${input.appUrl}\n`,
    html: emailHtml({
      appUrl: input.appUrl,
      heading: subject,
      paragraphs: lines,
      action: { label: change ? "Confirm my new address" : "Confirm my address", url: input.verifyUrl },
      footer: ignore,
    }),
  };
}
