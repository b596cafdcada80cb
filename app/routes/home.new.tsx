import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { RoomSchema } from "../../server/schemas/rooms";
import { SubmitButton } from "~/components/ui/button";
import { Field, TextareaField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { Modal } from "~/components/ui/modal";
import { setFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { keepRetryAfter as headers } from "~/utils/headers";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { requireUser } from "~/utils/session.server";

export { headers };

export const meta: MetaFunction = () => [{ title: "New room · Parley" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseWithZod(await readForm(request, context), { schema: RoomSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    const room = await context.services.rooms.create(user, submission.value);
    return redirect(`/room/${room.id}`, {
      headers: { "Set-Cookie": await setFlash(context, { kind: "success", message: `Room “${room.name}” created.` }) },
    });
  } catch (error) {
    return replyWithServiceError(submission, error);
  }
}

export default function NewRoom() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-room",
    lastResult: actionData?.result,
    constraint: getZodConstraint(RoomSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RoomSchema }),
  });

  return (
    <Modal title="Create a room" closeTo="/home" returnFocusTo="new-room-button">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} formErrors={form.errors} />
        <Field label="Name" inputProps={getInputProps(fields.name, { type: "text" })} errors={fields.name.errors} />
        <TextareaField
          label={
            <>
              Description <span className="font-normal text-slate-600">(optional)</span>
            </>
          }
          textareaProps={getTextareaProps(fields.description)}
          errors={fields.description.errors}
        />
        <SubmitButton pendingText="Creating…">Create room</SubmitButton>
      </Form>
    </Modal>
  );
}
