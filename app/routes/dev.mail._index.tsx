import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Development mailbox · Parley" }];

/** Only with the development email provider; in production (or with SendGrid/Mailjet) this is a 404. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const mailbox = context.services.devMailbox;
  if (!mailbox) throw new Response("Not found", { status: 404 });
  const to = new URL(request.url).searchParams.get("to")?.slice(0, 255) || undefined;
  return json({ messages: await mailbox.list({ to }), to: to ?? "" });
}

export default function DevMailbox() {
  const { messages, to } = useLoaderData<typeof loader>();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Development mailbox</h1>
      <p className="mt-2 text-slate-700">
        Every email Parley sends while <code>EMAIL_PROVIDER</code> is the development one lands here instead of a real inbox.
      </p>
      <Form method="get" className="mt-6 flex items-end gap-2">
        <div>
          <label htmlFor="to" className="block text-sm font-medium">
            Recipient
          </label>
          <input id="to" name="to" type="email" defaultValue={to} className="mt-1 rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold">
          Filter
        </button>
      </Form>
      {messages.length === 0 ? (
        <p className="mt-8 text-slate-700">No messages yet.</p>
      ) : (
        <table className="mt-8 w-full text-left text-sm">
          <caption className="sr-only">Messages, newest first</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-2 pr-4">
                To
              </th>
              <th scope="col" className="py-2 pr-4">
                Subject
              </th>
              <th scope="col" className="py-2">
                Sent
              </th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id} className="border-b border-slate-100">
                <td className="py-2 pr-4">{message.toAddress}</td>
                <td className="py-2 pr-4">
                  <Link to={`/dev/mail/${message.id}`} className="text-brand-700 underline">
                    {message.subject}
                  </Link>
                </td>
                <td className="py-2">
                  <time dateTime={message.createdAt}>{new Date(message.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
