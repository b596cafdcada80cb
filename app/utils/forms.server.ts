import { json, type AppLoadContext } from "@remix-run/node";
import { SpamError } from "remix-utils/honeypot/server";

/**
 * Reads a submitted form for an action. Anything that is not a readable form (wrong content
 * type, broken encoding, a bot filling the honeypot) becomes a 4xx with a message, never a 500.
 */
export async function readForm(request: Request, context: AppLoadContext, options: { honeypot?: boolean } = {}) {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw json({ message: "Send this form as a normal form submission." }, { status: 415 });
  }
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw json({ message: "The form could not be read. Please try again." }, { status: 400 });
  }
  for (const value of formData.values()) {
    if (typeof value === "string" && value.includes("\uFFFD")) {
      throw json({ message: "The form contained characters that could not be read (not UTF-8)." }, { status: 400 });
    }
  }
  if (options.honeypot) {
    try {
      await context.honeypot.check(formData);
    } catch (error) {
      if (error instanceof SpamError) throw json({ message: "The form could not be submitted." }, { status: 400 });
      throw error;
    }
  }
  return formData;
}

/** Who is asking, for rate limits and the session row. */
export function requestOrigin(request: Request, context: AppLoadContext) {
  return { ip: context.clientIp, userAgent: request.headers.get("user-agent") };
}
