import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isDomainError } from "../../server/errors";

/**
 * LiveKit's webhooks (participant joined/left, room finished). The only route exempt from the
 * same-origin check (app/http/app.ts): its check is the signature over the raw body.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "Use POST" }, { status: 405, headers: { Allow: "POST" } });
  // The signature covers these exact bytes: read them as they came, never re-serialise.
  const body = await request.text();
  try {
    const outcome = await context.services.meetings.receiveWebhook(body, request.headers.get("Authorization") ?? undefined);
    return json({ ok: true, outcome });
  } catch (error) {
    if (isDomainError(error, "authentication")) return json({ error: "Invalid signature" }, { status: 401 });
    throw error;
  }
}

export function loader() {
  return json({ error: "Use POST" }, { status: 405, headers: { Allow: "POST" } });
}
