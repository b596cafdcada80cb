import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isDomainError } from "../../server/errors";
import { linkify } from "~/utils/linkify";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject ?? "Message"} · Development mailbox` }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const mailbox = context.services.devMailbox;
  if (!mailbox) throw new Response("Not found", { status: 404 });
  try {
    return json({ message: await mailbox.get(params.messageId ?? "") });
  } catch (error) {
    if (isDomainError(error, "not-found")) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export default function DevMailMessage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-10">
      <p>
        <Link to="/dev/mail" className="text-sm text-brand-700 underline">
          ← All messages
        </Link>
      </p>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight">{message.subject}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">From</dt>
        <dd>{message.fromAddress}</dd>
        <dt className="font-medium">To</dt>
        <dd>{message.toAddress}</dd>
      </dl>
      <h2 className="mt-8 text-lg font-semibold">Text part</h2>
      <pre className="linked-text mt-2 whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-4 font-sans text-sm">
        {linkify(message.textBody)}
      </pre>
      <h2 className="mt-8 text-lg font-semibold">HTML part</h2>
      <p className="mt-2 text-sm">
        <a href={`/dev/mail/${message.id}/html`} className="text-brand-700 underline">
          Open the HTML part
        </a>{" "}
        (shown on its own, sandboxed: it can run no script).
      </p>
    </main>
  );
}
