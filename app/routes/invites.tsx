import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/layout/app-shell";
import { buttonClass } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import { setFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "My invites · Parley" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const invites = await context.services.participants.listReceived(user);
  return json({ user, invites, pending: invites.filter((i) => !i.expired).length });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readForm(request, context);
  const inviteId = String(formData.get("inviteId") ?? "");
  const { participants } = context.services;
  if (formData.get("intent") === "accept") {
    const { roomId } = await participants.accept(user, inviteId);
    return redirect(`/room/${roomId}`, {
      headers: { "Set-Cookie": await setFlash(context, { kind: "success", message: "Welcome to the room!" }) },
    });
  }
  await participants.decline(user, inviteId);
  return redirect("/invites", { headers: { "Set-Cookie": await setFlash(context, { kind: "info", message: "Invitation declined." }) } });
}

export default function MyInvites() {
  const { user, invites, pending } = useLoaderData<typeof loader>();
  return (
    <AppShell user={user} pendingInvites={pending}>
      <h1 className="text-2xl font-semibold tracking-tight">My invites</h1>
      <p className="mt-1 text-slate-700">Invitations sent to {user.email}.</p>
      {!user.emailVerified ? (
        <p className="mt-6 rounded-xl border border-dashed border-amber-300 bg-white p-8 text-center text-slate-700">
          Prove your address first: invitations sent to {user.email} show here once you have opened the link we emailed to it (use{" "}
          <strong>Resend the link</strong> above if it did not arrive). An invitation&apos;s own emailed link works in the meantime.
        </p>
      ) : invites.length === 0 ? (
        <p className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          No invitations right now. When someone adds you to a room, it shows up here.{" "}
          <Link to="/home" className="text-brand-700 underline">
            Back to my rooms
          </Link>
        </p>
      ) : (
        <ul className="mt-6 space-y-3">
          {invites.map((invite) => (
            <li key={invite.id} className="rounded-xl border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">{invite.roomName}</h2>
              <p className="mt-1 text-sm text-slate-700">
                From {invite.inviterName}, <RelativeTime date={invite.createdAt} />
                {invite.expired ? <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs">Expired</span> : null}
              </p>
              <Form method="post" className="mt-3 flex gap-2">
                <input type="hidden" name="inviteId" value={invite.id} />
                {invite.expired ? null : (
                  <button type="submit" name="intent" value="accept" className={buttonClass("primary")}>
                    Accept<span className="sr-only"> the invitation to {invite.roomName}</span>
                  </button>
                )}
                <button type="submit" name="intent" value="decline" className={buttonClass("secondary")}>
                  {invite.expired ? "Remove" : "Decline"}
                  <span className="sr-only"> the invitation to {invite.roomName}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </AppShell>
  );
}
