import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

const messages: Record<number, { title: string; body: string }> = {
  400: { title: "That request could not be handled", body: "Something in it was not valid. Go back and try again." },
  403: { title: "Not allowed", body: "You do not have access to this page." },
  404: { title: "Page not found", body: "There is nothing here. The link may be old, or the page may have moved." },
  405: { title: "Not allowed", body: "This page does not accept that kind of request." },
  413: { title: "Too large", body: "That request was too large." },
  415: { title: "Unsupported form", body: "Send the form from Parley's own pages." },
  429: { title: "Too many attempts", body: "Please wait a little and try again." },
  503: {
    title: "Parley is briefly unavailable",
    body: "Part of Parley is not answering right now. Nothing is lost: try again in a moment.",
  },
};

/** A friendly page for any error; never the error's details, which could leak internals. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = messages[status] ?? {
    title: "Something went wrong",
    body: "An unexpected error happened on our side. Please try again in a moment.",
  };
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-xl px-6 py-20 text-center">
      <p className="text-sm font-semibold text-brand-700">Error {status}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{message.title}</h1>
      <p className="mt-4 text-slate-700">{message.body}</p>
      <p className="mt-8">
        <Link to="/" className="font-semibold text-brand-700 underline">
          Go to the start page
        </Link>
      </p>
    </main>
  );
}
