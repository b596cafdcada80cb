import { parseWithZod } from "@conform-to/zod";
import { json, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";

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
    } catch {
      // A SpamError, or a `from__confirm` that does not decrypt to text (CryptoJS throws on it).
      throw json({ message: "The form could not be submitted." }, { status: 400 });
    }
  }
  if (!conformCanRead(formData)) {
    throw json({ message: "The form could not be read. Please try again." }, { status: 400 });
  }
  return formData;
}

const ANY_FIELDS = z.object({}).passthrough();
/** The longest list in any form: 50 people at once (MAX_PARTICIPANTS_PER_BATCH), with room to spare. */
const MAX_LIST_LENGTH = 100;
/** Field names nest (`rows[0].email`); none of the forms goes deeper than this. */
const MAX_DEPTH = 8;

/**
 * conform builds its payload from the field names before any schema sees it, and a hostile form can
 * make that payload dangerous: `__intent__` or `__state__` that are not what its client sends make
 * its parser throw; `rows[99999].name` makes a 100,000-entry list that the page then renders row by
 * row (minutes of CPU for one request); `a[0][0]…` thousands deep overflows the stack when conform
 * walks it to reply. Reading the payload once here, bounded, keeps every action's parse safe.
 */
function conformCanRead(formData: FormData): boolean {
  try {
    return isBounded(parseWithZod(formData, { schema: ANY_FIELDS }).payload, 0);
  } catch {
    return false;
  }
}

function isBounded(value: unknown, depth: number): boolean {
  if (Array.isArray(value))
    return depth < MAX_DEPTH && value.length <= MAX_LIST_LENGTH && value.every((item) => isBounded(item, depth + 1));
  if (value !== null && typeof value === "object" && !(value instanceof Blob)) {
    return depth < MAX_DEPTH && Object.values(value).every((item) => isBounded(item, depth + 1));
  }
  return true;
}

/** Who is asking, for rate limits and the session row. */
export function requestOrigin(request: Request, context: AppLoadContext) {
  return { ip: context.clientIp, userAgent: request.headers.get("user-agent") };
}
