import { Form } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";

/**
 * The room header's search: a GET form (`?q=`), so it works without JavaScript. Its look is in
 * app/tailwind.css (.room-search): the room page's every byte counts (see room-document-http.test).
 */
export function RoomSearchBox({ q, error }: { q: string; error: string | null }) {
  return (
    <Form method="get" role="search" className="room-search" discover="none">
      <label htmlFor="q" className="sr-only">
        Search posts
      </label>
      <input
        id="q"
        name="q"
        type="search"
        defaultValue={q || undefined}
        maxLength={100}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "q-error" : undefined}
      />
      <button className={buttonClass("secondary")}>Search</button>
      {error ? <p id="q-error">{error}</p> : null}
    </Form>
  );
}
