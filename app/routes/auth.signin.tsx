import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { HoneypotInputs } from "remix-utils/honeypot/react";
import { SignInSchema } from "../../server/schemas/auth";
import { AuthLayout } from "~/components/layout/auth-layout";
import { useReplyKey } from "~/utils/use-reply-key";
import { SubmitButton } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { keepRetryAfter as headers } from "~/utils/headers";
import { readForm, requestOrigin } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { commitSessionCookie, requireAnonymous } from "~/utils/session.server";

export { headers };

export const meta: MetaFunction = () => [{ title: "Sign in · Parley" }];

const HIDDEN = ["password"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const formData = await readForm(request, context, { honeypot: true });
  const submission = parseWithZod(formData, { schema: SignInSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 });
  }
  try {
    const { session } = await context.services.auth.signIn(submission.value, requestOrigin(request, context));
    return redirect(safeRedirect(formData.get("redirectTo")), {
      headers: { "Set-Cookie": await commitSessionCookie(context, session) },
    });
  } catch (error) {
    return replyWithServiceError(submission, error, { hideFields: HIDDEN });
  }
}

export default function SignInPage() {
  const actionData = useActionData<typeof action>();
  const replyKey = useReplyKey(actionData);
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const [form, fields] = useForm({
    id: "signin",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });

  return (
    <AuthLayout
      title="Sign in to Parley"
      intro={
        <>
          New here?{" "}
          <Link to="/auth/signup" className="font-semibold text-brand-700 underline">
            Create an account
          </Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormErrors
          id={form.errorId}
          formErrors={form.errors}
          fields={[
            { inputId: fields.email.id, label: "Email", errors: fields.email.errors },
            { inputId: fields.password.id, label: "Password", errors: fields.password.errors },
          ]}
        />
        <HoneypotInputs label="Please leave this field empty" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label="Email"
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
          errors={fields.email.errors}
        />
        <div>
          <Field
            label="Password"
            inputProps={{
              ...getInputProps(fields.password, { type: "password" }),
              key: `password-${replyKey}`,
              autoComplete: "current-password",
            }}
            errors={fields.password.errors}
          />
          <p className="mt-2 text-sm">
            <Link to="/auth/reset-password" className="font-medium text-brand-700 underline">
              Forgot password?
            </Link>
          </p>
        </div>
        <SubmitButton pendingText="Signing in…" className="w-full">
          Sign in
        </SubmitButton>
      </Form>
    </AuthLayout>
  );
}
