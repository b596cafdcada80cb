import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isDomainError } from "../../server/errors";
import { PasswordResetSchema } from "../../server/schemas/auth";
import { linkTokenField } from "../../server/schemas/fields";
import { AuthLayout } from "~/components/layout/auth-layout";
import { buttonClass, SubmitButton } from "~/components/ui/button";
import { NewPasswordFields } from "~/components/auth/new-password-fields";
import { useReplyKey } from "~/utils/use-reply-key";
import { FormErrors } from "~/components/ui/form-errors";
import { setFlash } from "~/utils/flash.server";
import { keepRetryAfter as headers } from "~/utils/headers";
import { readForm, requestOrigin } from "~/utils/forms.server";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { requireAnonymous } from "~/utils/session.server";

export { headers };

export const meta: MetaFunction = () => [{ title: "Choose a new password · Parley" }];

const HIDDEN = ["password", "confirmPassword"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  const token = linkTokenField.safeParse(new URL(request.url).searchParams.get("token") ?? "");
  const usable = token.success && (await context.services.passwordReset.isUsable(token.data));
  return json({ token: usable && token.success ? token.data : null }, { status: usable ? 200 : 410 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const formData = await readForm(request, context);
  const submission = parseWithZod(formData, { schema: PasswordResetSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: HIDDEN }), expired: false }, { status: 400 });
  }
  try {
    await context.services.passwordReset.resetPassword(
      { token: submission.value.token, password: submission.value.password },
      requestOrigin(request, context),
    );
  } catch (error) {
    if (isDomainError(error, "invalid-token")) {
      return json({ result: submission.reply({ hideFields: HIDDEN }), expired: true }, { status: 410 });
    }
    return replyWithServiceError(submission, error, { hideFields: HIDDEN });
  }
  return redirect("/auth/signin", {
    headers: {
      "Set-Cookie": await setFlash(context, {
        kind: "success",
        message: "Your password has been changed and every session signed out. Sign in with your new password.",
      }),
    },
  });
}

function LinkExpired() {
  return (
    <AuthLayout title="This link no longer works">
      <div className="space-y-4 text-slate-700">
        <p>Password reset links work once and expire after an hour. This one has been used, has expired, or was replaced by a newer one.</p>
        <Link to="/auth/reset-password" className={buttonClass("primary")}>
          Ask for a new link
        </Link>
      </div>
    </AuthLayout>
  );
}

export default function ResetPasswordFormPage() {
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyKey = useReplyKey(actionData);
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(PasswordResetSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordResetSchema }),
  });

  if (!token || (actionData && "expired" in actionData && actionData.expired)) return <LinkExpired />;

  return (
    <AuthLayout title="Choose a new password" intro="After this, every device signed in to your account is signed out.">
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormErrors
          id={form.errorId}
          formErrors={form.errors}
          fields={[
            { inputId: fields.password.id, label: "New password", errors: fields.password.errors },
            { inputId: fields.confirmPassword.id, label: "Confirm new password", errors: fields.confirmPassword.errors },
          ]}
        />
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} replyKey={replyKey} label="New password" />
        <SubmitButton pendingText="Saving…" className="w-full">
          Set new password
        </SubmitButton>
      </Form>
    </AuthLayout>
  );
}
