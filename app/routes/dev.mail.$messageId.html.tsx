import type { LoaderFunctionArgs } from "@remix-run/node";
import { isDomainError } from "../../server/errors";

/**
 * The HTML part of a development-mailbox message, as the recipient's mail client would show it.
 * Its own CSP sandboxes it: no script, no form, nothing fetched but inline styles and data: images.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const mailbox = context.services.devMailbox;
  if (!mailbox) throw new Response("Not found", { status: 404 });
  try {
    const message = await mailbox.get(params.messageId ?? "");
    return new Response(message.htmlBody, {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      },
    });
  } catch (error) {
    if (isDomainError(error, "not-found")) throw new Response("Not found", { status: 404 });
    throw error;
  }
}
