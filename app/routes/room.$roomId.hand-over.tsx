import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { HandOverFormSchema } from "../../server/schemas/memberships";
import { FORMER_OWNER_ROLE } from "../../server/services/memberships";
import { buttonClass, SubmitButton } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/form-errors";
import { Modal } from "~/components/ui/modal";
import { setFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Hand the room over · Parley" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { room } = await context.services.rooms.getForMember(user.id, params.roomId, "handOver");
  const members = await context.services.rooms.listMembers(user.id, room.id);
  return json({
    room: { id: room.id, name: room.name },
    candidates: members.filter((m) => m.mayReceiveRoom).map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseWithZod(await readForm(request, context), { schema: HandOverFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    const { newOwner } = await context.services.memberships.handOver(user.id, params.roomId, submission.value.participantId);
    return redirect(`/room/${params.roomId}?members=open`, {
      headers: {
        "Set-Cookie": await setFlash(context, {
          kind: "success",
          message: `${newOwner.name} now owns the room. You are a ${FORMER_OWNER_ROLE} in it.`,
        }),
      },
    });
  } catch (error) {
    return replyWithServiceError(submission, error);
  }
}

export default function HandOver() {
  const { room, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "hand-over",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HandOverFormSchema }),
  });
  const errorId = `${fields.participantId.id}-error`;

  return (
    <Modal title={`Hand ${room.name} over`} closeTo={`/room/${room.id}`}>
      {candidates.length ? (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <p className="text-sm text-slate-700">
            The new owner can rename or delete the room and give roles. You stay in the room as a {FORMER_OWNER_ROLE}: you can still add and
            remove members and delete posts, and the new owner can change that. Then you may leave.
          </p>
          <FormErrors id={form.errorId} formErrors={form.errors ?? []} />
          <fieldset aria-describedby={fields.participantId.errors ? errorId : undefined}>
            <legend className="text-sm font-medium">New owner</legend>
            <ul className="mt-2 space-y-1">
              {candidates.map((candidate) => (
                <li key={candidate.id} className="flex min-h-[2.75rem] items-center gap-3 rounded-md px-2 hover:bg-slate-50">
                  <input
                    type="radio"
                    id={`heir-${candidate.id}`}
                    name={fields.participantId.name}
                    value={candidate.id}
                    className="h-5 w-5 shrink-0"
                  />
                  <label htmlFor={`heir-${candidate.id}`} className="min-w-0 flex-1 cursor-pointer py-1">
                    <span className="block font-medium">{candidate.name}</span>
                    <span className="block break-all text-xs text-slate-600">
                      {candidate.email} · {candidate.role}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {fields.participantId.errors ? (
              <p id={errorId} className="mt-1 text-sm text-red-700">
                {fields.participantId.errors.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingText="Handing over…">Hand the room over</SubmitButton>
            <Link to={`/room/${room.id}`} className={buttonClass("secondary")}>
              Cancel
            </Link>
          </div>
        </Form>
      ) : (
        <p className="text-sm text-slate-700">
          Nobody else has joined this room yet. Invite someone first; once they have joined, you can hand the room to them.
        </p>
      )}
    </Modal>
  );
}
