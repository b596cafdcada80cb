/**
 * A member's live feed, read the way the browser's EventSource reads it: one long GET of the
 * room's event stream, parsed incrementally. Collects the post ids of `post-created` events.
 */
export interface RoomStream {
  /** Which backend answered, when a proxy says so (X-Served-By). */
  servedBy: string | null;
  postIds: string[];
  /** Set when the stream ended or failed before `close()`. */
  ended: string | null;
  close(): void;
}

export async function openRoomStream(url: string, roomId: string, cookie: string): Promise<RoomStream> {
  const abort = new AbortController();
  const response = await fetch(`${url}/room/${roomId}/events`, {
    headers: { Cookie: cookie, Accept: "text/event-stream" },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body || !response.headers.get("content-type")?.startsWith("text/event-stream")) {
    abort.abort();
    throw new Error(`the event stream did not open: ${response.status} ${response.headers.get("content-type")}`);
  }
  const stream: RoomStream = {
    servedBy: response.headers.get("x-served-by"),
    postIds: [],
    ended: null,
    close: () => abort.abort(),
  };
  void read(response.body, stream, abort.signal);
  return stream;
}

async function read(body: ReadableStream<Uint8Array>, stream: RoomStream, signal: AbortSignal) {
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        onEvent(block, stream);
      }
    }
    if (!signal.aborted) stream.ended = "the server ended the stream";
  } catch (error) {
    if (!signal.aborted) stream.ended = error instanceof Error ? error.message : String(error);
  }
}

function onEvent(block: string, stream: RoomStream) {
  const lines = block.split("\n");
  const event = lines
    .find((l) => l.startsWith("event:"))
    ?.slice(6)
    .trim();
  const data = lines
    .filter((l) => l.startsWith("data:"))
    .map((l) => l.slice(5).trim())
    .join("\n");
  if (event !== "room") return;
  const payload = JSON.parse(data) as { type: string; postId?: string };
  if (payload.type === "post-created" && payload.postId) stream.postIds.push(payload.postId);
}
