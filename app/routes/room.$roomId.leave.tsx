import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { buttonClass, SubmitButton } from "~/components/ui/button";
import { Modal } from "~/components/ui/modal";
import { setFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Leave the room · Parley" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { room, permissions } = await context.services.rooms.getForMember(user.id, params.roomId);
  return json({ room: { id: room.id, name: room.name }, mayLeave: permissions.leave, mayHandOver: permissions.handOver });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  await readForm(request, context);
  const { roomName } = await context.services.memberships.leave(user.id, params.roomId);
  return redirect("/home", {
    headers: { "Set-Cookie": await setFlash(context, { kind: "success", message: `You left ${roomName}.` }) },
  });
}

/** Leaving, confirmed: a dialog over the room with JavaScript, a section of the page without. */
export default function LeaveRoom() {
  const { room, mayLeave, mayHandOver } = useLoaderData<typeof loader>();
  return (
    <Modal title={`Leave ${room.name}?`} closeTo={`/room/${room.id}`} returnFocusTo="leave-room-button">
      {mayLeave ? (
        <Form method="post" className="space-y-4">
          <p className="text-sm text-slate-700">
            You will no longer see this room&apos;s posts or join its meetings. Your posts stay. To come back, someone has to invite you
            again.
          </p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingText="Leaving…" className="bg-red-700 hover:bg-red-800">
              Leave the room
            </SubmitButton>
            <Link to={`/room/${room.id}`} className={buttonClass("secondary")}>
              Stay
            </Link>
          </div>
        </Form>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">You own this room. Before you leave, hand it over to another member.</p>
          {mayHandOver ? (
            <Link to={`/room/${room.id}/hand-over`} className={buttonClass("primary")}>
              Hand the room over
            </Link>
          ) : null}
        </div>
      )}
    </Modal>
  );
}
