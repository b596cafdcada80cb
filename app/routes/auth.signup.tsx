import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { HoneypotInputs } from "remix-utils/honeypot/react";
import { SignUpSchema } from "../../server/schemas/auth";
import { AuthLayout } from "~/components/layout/auth-layout";
import { useReplyKey } from "~/utils/use-reply-key";
import { SubmitButton } from "~/components/ui/button";
import { NewPasswordFields } from "~/components/auth/new-password-fields";
import { Field } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { setFlash } from "~/utils/flash.server";
import { keepRetryAfter as headers } from "~/utils/headers";
import { readForm, requestOrigin } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { commitSessionCookie, requireAnonymous } from "~/utils/session.server";

export { headers };

export const meta: MetaFunction = () => [{ title: "Create your account · Parley" }];

const HIDDEN = ["password", "confirmPassword"];

/** `?email=` prefills the address (an invitee's offer to create an account); `?redirectTo=` is where to go after. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  const email = new URL(request.url).searchParams.get("email") ?? "";
  return json({ email: email.length <= 255 ? email : "" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const formData = await readForm(request, context, { honeypot: true });
  const submission = parseWithZod(formData, { schema: SignUpSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 });
  }
  const { confirmPassword: _, ...input } = submission.value;
  try {
    const { user, session } = await context.services.auth.signUp(input, requestOrigin(request, context));
    const cookies = new Headers();
    cookies.append("Set-Cookie", await commitSessionCookie(context, session));
    cookies.append("Set-Cookie", await setFlash(context, { kind: "success", message: `Welcome to Parley, ${user.name}!` }));
    // The form posts to this same URL, query string included.
    return redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")), { headers: cookies });
  } catch (error) {
    return replyWithServiceError(submission, error, { hideFields: HIDDEN });
  }
}

export default function SignUpPage() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyKey = useReplyKey(actionData);
  const [form, fields] = useForm({
    id: "signup",
    defaultValue: { email },
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(SignUpSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignUpSchema }),
  });

  return (
    <AuthLayout
      title="Create your account"
      intro={
        <>
          Already have one?{" "}
          <Link to="/auth/signin" className="font-semibold text-brand-700 underline">
            Sign in
          </Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormErrors
          id={form.errorId}
          formErrors={form.errors}
          fields={[
            { inputId: fields.username.id, label: "Username", errors: fields.username.errors },
            { inputId: fields.email.id, label: "Email", errors: fields.email.errors },
            { inputId: fields.name.id, label: "Full name", errors: fields.name.errors },
            { inputId: fields.password.id, label: "Password", errors: fields.password.errors },
            { inputId: fields.confirmPassword.id, label: "Confirm password", errors: fields.confirmPassword.errors },
          ]}
        />
        <HoneypotInputs label="Please leave this field empty" />
        <Field
          label="Full name"
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
          errors={fields.name.errors}
        />
        <Field
          label="Username"
          hint="3 to 30 letters, digits, dots, underscores or hyphens."
          inputProps={{
            ...getInputProps(fields.username, { type: "text" }),
            autoComplete: "username",
            autoCapitalize: "none",
            spellCheck: false,
          }}
          errors={fields.username.errors}
        />
        <Field
          label="Email"
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
          errors={fields.email.errors}
        />
        <NewPasswordFields
          password={fields.password}
          confirmPassword={fields.confirmPassword}
          replyKey={replyKey}
          advice="A few unrelated words make a strong one."
        />
        <SubmitButton pendingText="Creating your account…" className="w-full">
          Create account
        </SubmitButton>
      </Form>
    </AuthLayout>
  );
}
