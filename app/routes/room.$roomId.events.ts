import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventStream } from "remix-utils/sse/server";
import type { RoomEvent } from "../../server/realtime/room-events";
import { requireSession } from "~/utils/session.server";

/**
 * The room's live events (Server-Sent Events), for its members: the browser refetches the feed on
 * each. The stream ends when the member loses access (the live feed service checks); the browser's
 * EventSource then reconnects and is refused like any other request.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession(request, context);
  let pending: RoomEvent[] = [];
  let ended = false;
  let send: ((args: { event?: string; data: string }) => void) | undefined;
  let close: (() => void) | undefined;
  const stream = await context.services.liveFeed.open({ userId: user.id, sessionId }, params.roomId!, {
    onEvent(event) {
      if (send) send({ event: "room", data: JSON.stringify(event) });
      else pending.push(event);
    },
    onEnd() {
      ended = true;
      close?.();
    },
  });
  // X-Accel-Buffering: nginx (and proxies that honour it) pass each event on at once instead of buffering the stream.
  return eventStream(
    request.signal,
    (sendEvent, closeStream) => {
      send = sendEvent;
      close = closeStream;
      for (const event of pending) sendEvent({ event: "room", data: JSON.stringify(event) });
      pending = [];
      // A comment every 25 s keeps proxies from closing an idle stream.
      const keepAlive = setInterval(() => sendEvent({ event: "ping", data: "" }), 25_000);
      if (ended) queueMicrotask(closeStream);
      return () => {
        clearInterval(keepAlive);
        stream.close();
      };
    },
    { headers: { "X-Accel-Buffering": "no" } },
  );
}
