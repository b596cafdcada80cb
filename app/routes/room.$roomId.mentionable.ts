import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/utils/session.server";

/**
 * Whom the composer may suggest after `@` (with JS, fetched once on the first `@`): the room's
 * members with an account, but the caller, as [username, name] pairs. Members only.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const members = await context.services.mentions.suggestions(user.id, params.roomId);
  return json(
    members.map(({ username, name }) => [username, name]),
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
