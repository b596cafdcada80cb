import { Form } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";

/** The room header's search: a GET form (`?q=`), so it works without JavaScript. */
export function RoomSearchBox({ roomId, q, error }: { roomId: string; q: string; error: string | null }) {
  return (
    <Form method="get" action={`/room/${roomId}`} role="search" className="w-full" aria-label="Search this room">
      <div className="flex gap-2">
        <label htmlFor="room-post-search" className="sr-only">
          Search posts in this room
        </label>
        <input
          id="room-post-search"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          placeholder="Search posts"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "room-post-search-error" : undefined}
          className="w-full max-w-md rounded-md border border-slate-300 px-3 py-1.5"
        />
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
      </div>
      {error ? (
        <p id="room-post-search-error" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </Form>
  );
}
