import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DeleteRoomSchema, RoomSchema } from "../../server/schemas/rooms";
import { SubmitButton } from "~/components/ui/button";
import { Field, TextareaField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { Modal } from "~/components/ui/modal";
import { setFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Room settings · Parley" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await context.services.rooms.getForMember(user.id, params.roomId, "rename");
  return json({ room: { id: access.room.id, name: access.room.name, description: access.room.description ?? "" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readForm(request, context);
  const roomId = params.roomId!;

  if (formData.get("intent") === "delete") {
    const confirmation = parseWithZod(formData, { schema: DeleteRoomSchema });
    if (confirmation.status !== "success") return json({ deleteResult: confirmation.reply() }, { status: 400 });
    await context.services.rooms.delete(user.id, roomId);
    return redirect("/home", {
      headers: { "Set-Cookie": await setFlash(context, { kind: "info", message: "The room has been deleted." }) },
    });
  }

  const submission = parseWithZod(formData, { schema: RoomSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  await context.services.rooms.update(user.id, roomId, submission.value);
  return redirect(`/room/${roomId}`, {
    headers: { "Set-Cookie": await setFlash(context, { kind: "success", message: "Room settings saved." }) },
  });
}

export default function RoomSettings() {
  const { room } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "room-settings",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: { name: room.name, description: room.description },
    constraint: getZodConstraint(RoomSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RoomSchema }),
  });
  const [deleteForm, deleteFields] = useForm({
    id: "delete-room",
    lastResult: actionData && "deleteResult" in actionData ? actionData.deleteResult : undefined,
    // No constraint: an unticked box must reach the check below (and the server) rather than the browser's own bubble.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteRoomSchema }),
  });
  const { key: confirmKey, ...confirmProps } = getInputProps(deleteFields.confirm, { type: "checkbox", value: "yes" });
  const deleteError = deleteFields.confirm.errors?.[0];
  const deleteErrorId = deleteError ? `${deleteFields.confirm.id}-error` : undefined;

  return (
    <Modal title="Room settings" closeTo={`/room/${room.id}`}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} formErrors={form.errors} />
        <Field label="Name" inputProps={getInputProps(fields.name, { type: "text" })} errors={fields.name.errors} />
        <TextareaField label={"Description"} textareaProps={getTextareaProps(fields.description)} errors={fields.description.errors} />
        <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
      </Form>

      <Form method="post" {...getFormProps(deleteForm)} className="mt-8 rounded-md border border-red-200 bg-red-50 p-4">
        <h3 className="font-semibold text-red-900">Delete this room</h3>
        <p className="mt-1 text-sm text-red-900">Its posts, members and invites go too. This cannot be undone.</p>
        <div className="mt-3 flex items-start gap-2">
          <input key={confirmKey} {...confirmProps} aria-describedby={deleteErrorId} className="mt-1" />
          <label htmlFor={deleteFields.confirm.id} className="text-sm">
            Yes, delete “{room.name}” for everyone
          </label>
        </div>
        {deleteError ? (
          <p id={deleteErrorId} role="alert" className="mt-2 text-sm text-red-800">
            {deleteError}
          </p>
        ) : null}
        <button
          type="submit"
          name="intent"
          value="delete"
          className="mt-3 rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800"
        >
          Delete room
        </button>
      </Form>
    </Modal>
  );
}
