import { getFieldsetProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AddParticipantsSchema, MAX_PARTICIPANTS_PER_BATCH } from "../../server/schemas/participants";
import { buttonClass, SubmitButton } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { Modal } from "~/components/ui/modal";
import { setFlash } from "~/utils/flash.server";
import { readForm, requestOrigin } from "~/utils/forms.server";
import { keepRetryAfter as headers } from "~/utils/headers";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { isDomainError } from "../../server/errors";
import { requireUser } from "~/utils/session.server";

export { headers };

export const meta: MetaFunction = () => [{ title: "Add participants · Parley" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await context.services.rooms.getForMember(user.id, params.roomId, "addMembers");
  return json({ roomId: access.room.id });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseWithZod(await readForm(request, context), { schema: AddParticipantsSchema });
  // "Add another row" and "Remove" come here too without JavaScript: they only change the form.
  if (submission.status !== "success") {
    // The page renders `rows` as a list of people: a crafted post where it is anything else (`rows=x`,
    // `rows.email=x`) would make that render throw, so such a value is not sent back to the form.
    const rows = submission.payload.rows;
    const reply = submission.reply(rows === undefined || Array.isArray(rows) ? {} : { hideFields: ["rows"] });
    return json({ result: reply }, { status: submission.status === "error" ? 400 : 200 });
  }
  try {
    const { added } = await context.services.participants.add(user, params.roomId!, submission.value, requestOrigin(request, context));
    return redirect(`/room/${params.roomId}?members=open`, {
      headers: {
        "Set-Cookie": await setFlash(context, {
          kind: "success",
          message: `${added} ${added === 1 ? "person" : "people"} added and invited by email.`,
        }),
      },
    });
  } catch (error) {
    // Bad rows, an expired link and too many invites are said on the form; the rest is an error page.
    if (!isDomainError(error, "validation") && !isDomainError(error, "invalid-token") && !isDomainError(error, "rate-limited")) throw error;
    return replyWithServiceError(submission, error);
  }
}

export default function AddParticipants() {
  const { roomId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "add-participants",
    lastResult: actionData?.result,
    defaultValue: { rows: [{ email: "", name: "" }] },
    constraint: getZodConstraint(AddParticipantsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddParticipantsSchema }),
  });
  const rows = fields.rows.getFieldList();

  return (
    <Modal title="Add participants" closeTo={`/room/${roomId}?members=open`} returnFocusTo="add-members-button">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <p className="text-sm text-slate-700">
          Each person gets an email with a link to the room. Up to {MAX_PARTICIPANTS_PER_BATCH} at once.
        </p>
        <FormErrors id={form.errorId} formErrors={[...(form.errors ?? []), ...(fields.rows.errors ?? [])]} />
        <ol className="space-y-3">
          {rows.map((row, index) => {
            const person = row.getFieldset();
            return (
              <li key={row.key ?? index}>
                <fieldset {...getFieldsetProps(row)} className="rounded-md border border-slate-200 p-3">
                  <legend className="px-1 text-sm font-medium">Person {index + 1}</legend>
                  <div className="grid gap-3 sm:grid-cols-2">
                    <Field
                      label="Email"
                      inputProps={{ ...getInputProps(person.email, { type: "email" }), autoComplete: "off" }}
                      errors={person.email.errors}
                    />
                    <Field
                      label="Name"
                      inputProps={{ ...getInputProps(person.name, { type: "text" }), autoComplete: "off" }}
                      errors={person.name.errors}
                    />
                  </div>
                  {rows.length > 1 ? (
                    <button
                      {...form.remove.getButtonProps({ name: fields.rows.name, index })}
                      className="mt-2 text-sm text-slate-700 underline"
                    >
                      Remove person {index + 1}
                    </button>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div className="flex flex-wrap gap-2">
          {rows.length < MAX_PARTICIPANTS_PER_BATCH ? (
            <button
              {...form.insert.getButtonProps({ name: fields.rows.name, defaultValue: { email: "", name: "" } })}
              className={buttonClass("secondary")}
            >
              Add another row
            </button>
          ) : null}
          <SubmitButton pendingText="Adding…">Add and invite</SubmitButton>
        </div>
      </Form>
    </Modal>
  );
}
