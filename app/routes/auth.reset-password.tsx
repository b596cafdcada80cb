import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { HoneypotInputs } from "remix-utils/honeypot/react";
import { PasswordResetRequestSchema } from "../../server/schemas/auth";
import { AuthLayout } from "~/components/layout/auth-layout";
import { SubmitButton } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { keepRetryAfter as headers } from "~/utils/headers";
import { readForm, requestOrigin } from "~/utils/forms.server";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { requireAnonymous } from "~/utils/session.server";

export { headers };

export const meta: MetaFunction = () => [{ title: "Reset your password · Parley" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const formData = await readForm(request, context, { honeypot: true });
  const submission = parseWithZod(formData, { schema: PasswordResetRequestSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    await context.services.passwordReset.requestReset(submission.value.email, requestOrigin(request, context));
  } catch (error) {
    return replyWithServiceError(submission, error);
  }
  // The same answer whether or not the address has an account.
  return json({ sentTo: submission.value.email });
}

export default function ResetPasswordRequestPage() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-request",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(PasswordResetRequestSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordResetRequestSchema }),
  });

  if (actionData && "sentTo" in actionData) {
    return (
      <AuthLayout title="Check your email">
        <div role="status" className="space-y-4 text-slate-700">
          <p>
            If an account exists for <strong className="break-all">{actionData.sentTo}</strong>, we have sent a link to reset its password.
            The link works once and expires in one hour.
          </p>
          <p>Nothing arrived after a few minutes? Check your spam folder, or ask for a new link.</p>
          <p>
            <Link to="/auth/signin" className="font-semibold text-brand-700 underline">
              Back to sign in
            </Link>
          </p>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Reset your password"
      intro="Enter the email address of your account and we will send you a link to choose a new password."
    >
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormErrors
          id={form.errorId}
          formErrors={form.errors}
          fields={[{ inputId: fields.email.id, label: "Email", errors: fields.email.errors }]}
        />
        <HoneypotInputs label="Please leave this field empty" />
        <Field
          label="Email"
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
          errors={fields.email.errors}
        />
        <SubmitButton pendingText="Sending…" className="w-full">
          Send reset link
        </SubmitButton>
        <p className="text-sm">
          <Link to="/auth/signin" className="font-medium text-brand-700 underline">
            Back to sign in
          </Link>
        </p>
      </Form>
    </AuthLayout>
  );
}
