import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventStream } from "remix-utils/sse/server";
import { handleServiceError } from "~/utils/service-errors.server";
import { requireUser } from "~/utils/session.server";

/** The room's live events (Server-Sent Events), for its members: the browser refetches the feed on each. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  let unsubscribe: () => void = () => undefined;
  let pending: Array<string> = [];
  let send: ((args: { event?: string; data: string }) => void) | undefined;
  try {
    unsubscribe = await context.services.posts.subscribe(user.id, params.roomId!, (event) => {
      const data = JSON.stringify(event);
      if (send) send({ event: "room", data });
      else pending.push(data);
    });
  } catch (error) {
    throw handleServiceError(error);
  }
  // X-Accel-Buffering: nginx (and proxies that honour it) pass each event on at once instead of buffering the stream.
  return eventStream(request.signal, (sendEvent) => {
    send = sendEvent;
    for (const data of pending) sendEvent({ event: "room", data });
    pending = [];
    // A comment every 25 s keeps proxies from closing an idle stream.
    const keepAlive = setInterval(() => sendEvent({ event: "ping", data: "" }), 25_000);
    return () => {
      clearInterval(keepAlive);
      unsubscribe();
    };
  }, { headers: { "X-Accel-Buffering": "no" } });
}
