import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isDomainError } from "../../server/errors";
import { AuthLayout } from "~/components/layout/auth-layout";
import { SubmitButton, buttonClass } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/form-errors";
import { setFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { commitGuestPassCookie } from "~/utils/meeting-visitor.server";
import { getUser, requireUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "roomName" in data ? `Invitation to ${data.roomName} · Parley` : "Invitation · Parley" },
  { name: "robots", content: "noindex" },
];

/**
 * The emailed invite link. Opening it changes nothing (mail scanners open links too); joining is
 * a button: as the invited member when signed in with the invited address, else as a guest.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? undefined;
  const user = await getUser(request, context);
  const landing = await context.services.meetings.openInviteLink(params.roomId, token, user);
  if (landing.state === "member") throw redirect(`/room/${landing.roomId}/prep`);
  const status = landing.state === "invalid" ? 404 : landing.state === "open" ? 200 : 410;
  return json({ ...landing, token: landing.state === "open" ? token! : "", signedInAs: user?.email ?? null }, { status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const token = String(formData.get("token") ?? "");
  const { meetings } = context.services;
  try {
    if (formData.get("intent") === "accept") {
      const user = await requireUser(request, context);
      const { roomId } = await meetings.acceptInviteLink(user, params.roomId, token);
      return redirect(`/room/${roomId}/prep`, {
        headers: { "Set-Cookie": await setFlash(context, { kind: "success", message: "You are now a member of this room." }) },
      });
    }
    const visit = await meetings.startGuestVisit(params.roomId, token);
    return redirect(`/room/${visit.roomId}/prep`, { headers: { "Set-Cookie": await commitGuestPassCookie(context, visit.roomId, visit) } });
  } catch (error) {
    if (isDomainError(error, "invalid-token") || isDomainError(error, "validation")) {
      return json({ error: error.message }, { status: 400 });
    }
    throw error;
  }
}

export default function InviteLinkPage() {
  const landing = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();

  if (landing.state === "invalid") {
    return (
      <AuthLayout title="This invitation link does not work">
        <p className="text-slate-700">
          It may be incomplete, replaced by a newer invitation, or you may have been removed from the room. Ask the person who invited you
          to send a new invitation.
        </p>
        <HomeLink />
      </AuthLayout>
    );
  }
  if (landing.state === "expired") {
    return (
      <AuthLayout title="This invitation has expired">
        <p className="text-slate-700">
          Invitations to {landing.roomName} last 7 days. Ask {landing.inviterName} to send you a new one.
        </p>
        <HomeLink />
      </AuthLayout>
    );
  }
  if (landing.state === "used") {
    return (
      <AuthLayout title="This invitation has already been accepted">
        <p className="text-slate-700">Sign in with the account that accepted it to open {landing.roomName}.</p>
        <Link to="/auth/signin" className={buttonClass("primary", "mt-6")}>
          Sign in
        </Link>
      </AuthLayout>
    );
  }

  const returnHere = `/room/${landing.roomId}/join?${new URLSearchParams({ token: landing.token })}`;
  return (
    <AuthLayout
      title={`Join ${landing.roomName}`}
      intro={<>{landing.inviterName} invited you to this room on Parley: its posts and its video meeting.</>}
    >
      <FormErrors id="join-errors" formErrors={actionData?.error ? [actionData.error] : undefined} />
      {landing.viewer === "invitee" ? (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="token" value={landing.token} />
          <input type="hidden" name="intent" value="accept" />
          <p className="text-slate-700">The room will appear in My rooms, and you will go on to the meeting.</p>
          <SubmitButton pendingText="Joining…" className="w-full">
            Join {landing.roomName}
          </SubmitButton>
        </Form>
      ) : (
        <div className="space-y-6">
          {landing.viewer === "someone-else" ? (
            <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
              This invitation is for <strong>{landing.inviteeEmail}</strong>, but you are signed in as <strong>{landing.signedInAs}</strong>
              . Sign out to use that account, or join as a guest under the invited name.
            </p>
          ) : null}
          <Form method="post" className="space-y-3">
            <input type="hidden" name="token" value={landing.token} />
            <input type="hidden" name="intent" value="guest" />
            <SubmitButton pendingText="Joining…" className="w-full">
              {`Join as a guest (${landing.inviteeName})`}
            </SubmitButton>
            <p className="text-sm text-slate-600">A guest can join this room&apos;s meeting from this browser for the next few hours.</p>
          </Form>
          {landing.viewer === "someone-else" ? (
            <Form method="post" action="/auth/signout">
              <input type="hidden" name="redirectTo" value={returnHere} />
              <button type="submit" className={buttonClass("secondary", "w-full")}>
                Sign out of {landing.signedInAs}
              </button>
            </Form>
          ) : (
            <div className="border-t border-slate-200 pt-4 text-sm text-slate-700">
              <p>
                Have an account with {landing.inviteeEmail}?{" "}
                <Link
                  to={`/auth/signin?${new URLSearchParams({ redirectTo: returnHere })}`}
                  className="font-semibold text-brand-700 underline"
                >
                  Sign in to join as a member
                </Link>
              </p>
              <p className="mt-2">
                New to Parley?{" "}
                <Link
                  to={`/auth/signup?${new URLSearchParams({ email: landing.inviteeEmail, redirectTo: returnHere })}`}
                  className="font-semibold text-brand-700 underline"
                >
                  Create an account
                </Link>{" "}
                to keep this room in your list.
              </p>
            </div>
          )}
        </div>
      )}
    </AuthLayout>
  );
}

function HomeLink() {
  return (
    <Link to="/" className={buttonClass("secondary", "mt-6")}>
      Go to Parley
    </Link>
  );
}
