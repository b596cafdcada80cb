import { escapeHtml } from "../escape-html";
import { defuseLinks } from "./plain-text";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The HTML frame of every Parley email: the product name, the message, one clear button and the
 * raw link for copying. `heading`, `paragraphs` and `footer` are plain text (escaped here, and
 * names in them made by `plainName` cannot become links); nothing user-supplied is ever inserted
 * as HTML.
 */
export function emailHtml(options: {
  appUrl: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}): string {
  const { appUrl, heading, paragraphs, action, footer } = options;
  assertWebUrl(appUrl);
  if (action) assertWebUrl(action.url);
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#2b4ce0;color:#ffffff;padding:12px 20px;border-radius:6px;font-weight:600;text-decoration:none">${escapeHtml(action.label)}</a></p>
<p style="font-size:13px;color:#475569">If the button does not work, copy this address into your browser:<br><span style="word-break:break-all">${escapeHtml(action.url)}</span></p>`
    : "";
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(heading)}</title></head>
<body style="margin:0;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;padding:32px 24px">
<p style="font-size:18px;font-weight:700;color:#233cb4;margin:0 0 24px"><a href="${escapeHtml(appUrl)}" style="color:#233cb4;text-decoration:none">Parley</a></p>
<h1 style="font-size:22px;margin:0 0 16px">${text(heading)}</h1>
${paragraphs.map((p) => `<p style="line-height:1.5;margin:0 0 12px">${text(p)}</p>`).join("\n")}
${button}
${footer ? `<p style="font-size:13px;color:#475569;margin-top:32px">${text(footer)}</p>` : ""}
</div>
</body>
</html>`;
}

const text = (plain: string) => defuseLinks(escapeHtml(plain));

/** Escaping stops markup, not a `javascript:` link: links in emails are absolute http(s) URLs only. */
function assertWebUrl(url: string): void {
  const protocol = URL.canParse(url) ? new URL(url).protocol : "";
  if (protocol !== "https:" && protocol !== "http:") throw new Error("Email links must be absolute http(s) URLs");
}
