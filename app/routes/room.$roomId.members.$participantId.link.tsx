import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CopyLinkField } from "~/components/room/copy-link-field";
import { SubmitButton } from "~/components/ui/button";
import { Modal } from "~/components/ui/modal";
import { readForm } from "~/utils/forms.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Invitation link · Parley" }];

/** Whom the link is for; the link itself is made only by the POST (each one voids the one before). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const members = await context.services.rooms.listMembers(user.id, params.roomId);
  const person = members.find((m) => m.id === params.participantId && m.mayShareInviteLink);
  if (!person) throw new Response("No pending invitation for this person", { status: 404 });
  return json({ roomId: params.roomId!, person: { id: person.id, name: person.name, email: person.email } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  await readForm(request, context);
  const share = await context.services.participants.shareInviteLink(user.id, params.roomId!, params.participantId!);
  return json({ url: share.url, expiresAt: share.expiresAt.toISOString() });
}

export default function InvitationLink() {
  const { roomId, person } = useLoaderData<typeof loader>();
  const share = useActionData<typeof action>();
  return (
    <Modal title={`Invitation link for ${person.name}`} closeTo={`/room/${roomId}?members=open`}>
      {share ? (
        <div className="space-y-3">
          <CopyLinkField id="invite-link" label={`Link for ${person.email}`} url={share.url} />
          <p className="text-sm text-slate-700">
            Send it to {person.name} yourself. It works once, until {new Date(share.expiresAt).toUTCString()}; the link emailed before no
            longer works.
          </p>
        </div>
      ) : (
        <Form method="post" className="space-y-4">
          <p className="text-sm text-slate-700">
            A new link lets {person.name} ({person.email}) join as if they had opened the invitation email. Making one stops the emailed
            link and any earlier one from working.
          </p>
          <SubmitButton pendingText="Making the link…">Get a new link</SubmitButton>
        </Form>
      )}
    </Modal>
  );
}
