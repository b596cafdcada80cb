import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { isDomainError } from "../../server/errors";
import { ChangeEmailSchema, ChangePasswordSchema, MentionEmailsSchema, ProfileSchema } from "../../server/schemas/profile";
import { AppShell } from "~/components/layout/app-shell";
import { SubmitButton } from "~/components/ui/button";
import { NewPasswordFields } from "~/components/auth/new-password-fields";
import { Field } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { setFlash } from "~/utils/flash.server";
import { readForm, requestOrigin } from "~/utils/forms.server";
import { keepRetryAfter as headers } from "~/utils/headers";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { destroySessionCookie, requireSession } from "~/utils/session.server";
import { useReplyKey } from "~/utils/use-reply-key";

export { headers };

export const meta: MetaFunction = () => [{ title: "Profile settings · Parley" }];

type Intent = "profile" | "email" | "password" | "mention-emails" | "sign-out-others" | "sign-out-everywhere";
const PASSWORD_FIELDS = ["currentPassword", "password", "confirmPassword"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireSession(request, context);
  const [pendingInvites, settings] = await Promise.all([
    context.services.participants.countReceived(user),
    context.services.profile.settings(user.id),
  ]);
  return json({ user, pendingInvites, settings });
}

/** Success goes back to a fresh page (post/redirect/get), so every part of it shows the new state. */
async function savedRedirect(context: ActionFunctionArgs["context"], message: string) {
  return redirect("/profile", { headers: { "Set-Cookie": await setFlash(context, { kind: "success", message }) } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const formData = await readForm(request, context);
  const intent = formData.get("intent") as Intent;
  const { profile } = context.services;

  if (intent === "profile") {
    const submission = parseWithZod(formData, { schema: ProfileSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      await profile.update(session.user.id, submission.value);
    } catch (error) {
      return replyWithServiceError(submission, error, { data: { intent } });
    }
    return savedRedirect(context, "Your profile has been saved.");
  }

  if (intent === "email") {
    const submission = parseWithZod(formData, { schema: ChangeEmailSchema });
    if (submission.status !== "success")
      return json({ intent, result: submission.reply({ hideFields: ["currentPassword"] }) }, { status: 400 });
    try {
      await profile.requestEmailChange(session.user.id, submission.value, requestOrigin(request, context));
    } catch (error) {
      if (isDomainError(error, "authentication")) {
        return json(
          { intent, result: submission.reply({ fieldErrors: { currentPassword: [error.message] }, hideFields: ["currentPassword"] }) },
          { status: 400 },
        );
      }
      return replyWithServiceError(submission, error, { hideFields: ["currentPassword"], data: { intent } });
    }
    return savedRedirect(
      context,
      `We sent a link to ${submission.value.email}. Your address changes when you open it (within 24 hours); until then it stays ${session.user.email}.`,
    );
  }

  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    if (submission.status !== "success") {
      return json({ intent, result: submission.reply({ hideFields: PASSWORD_FIELDS }) }, { status: 400 });
    }
    try {
      await profile.changePassword(session.user.id, session.sessionId, {
        currentPassword: submission.value.currentPassword,
        password: submission.value.password,
      });
    } catch (error) {
      if (isDomainError(error, "authentication")) {
        return json(
          { intent, result: submission.reply({ fieldErrors: { currentPassword: [error.message] }, hideFields: PASSWORD_FIELDS }) },
          { status: 400 },
        );
      }
      return replyWithServiceError(submission, error, { hideFields: PASSWORD_FIELDS, data: { intent } });
    }
    return savedRedirect(context, "Your password has been changed. Your other sessions have been signed out.");
  }

  if (intent === "mention-emails") {
    const submission = parseWithZod(formData, { schema: MentionEmailsSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    await profile.setMentionEmails(session.user.id, submission.value.mentionEmails);
    return savedRedirect(
      context,
      submission.value.mentionEmails ? "You will get an email when someone mentions you." : "You will get no emails about mentions.",
    );
  }

  if (intent === "sign-out-others") {
    const ended = await context.services.auth.signOutOtherSessions(session.user.id, session.sessionId);
    return savedRedirect(context, ended === 1 ? "1 other session has been signed out." : `${ended} other sessions have been signed out.`);
  }

  if (intent === "sign-out-everywhere") {
    await profile.signOutEverywhere(session.user.id);
    const headers = new Headers();
    headers.append("Set-Cookie", await destroySessionCookie(context));
    headers.append("Set-Cookie", await setFlash(context, { kind: "info", message: "You have been signed out on every device." }));
    return redirect("/auth/signin", { headers });
  }

  return json({ message: "Unknown action." }, { status: 400 });
}

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-6 max-w-xl rounded-xl border border-slate-200 bg-white p-6">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      {children}
    </section>
  );
}

export default function ProfilePage() {
  const { user, pendingInvites, settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyKey = useReplyKey(actionData);
  const answerFor = (intent: Intent) =>
    actionData && "intent" in actionData && actionData.intent === intent
      ? (actionData as { intent: Intent; result?: SubmissionResult<string[]> })
      : undefined;
  const profileAnswer = answerFor("profile");
  const passwordAnswer = answerFor("password");
  const emailAnswer = answerFor("email");
  const mentionAnswer = answerFor("mention-emails");

  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: profileAnswer?.result,
    defaultValue: { name: user.name, username: user.username },
    constraint: getZodConstraint(ProfileSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  const [emailForm, emailFields] = useForm({
    id: "email",
    lastResult: emailAnswer?.result,
    constraint: getZodConstraint(ChangeEmailSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeEmailSchema }),
  });
  const [mentionForm, mentionFields] = useForm({
    id: "mention-emails",
    lastResult: mentionAnswer?.result,
    defaultValue: { mentionEmails: settings.mentionEmails ? "on" : undefined },
    constraint: getZodConstraint(MentionEmailsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MentionEmailsSchema }),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: passwordAnswer?.result,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });

  return (
    <AppShell user={user} pendingInvites={pendingInvites}>
      <h1 className="text-2xl font-semibold tracking-tight">Profile settings</h1>

      <Section id="profile" title="Your name and username">
        <Form method="post" {...getFormProps(profileForm)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="profile" />
          <FormErrors id={profileForm.errorId} formErrors={profileForm.errors} />
          <Field
            label="Full name"
            inputProps={{ ...getInputProps(profileFields.name, { type: "text" }), autoComplete: "name" }}
            errors={profileFields.name.errors}
          />
          <Field
            label="Username"
            hint="3 to 30 letters, digits, dots, underscores or hyphens."
            inputProps={{ ...getInputProps(profileFields.username, { type: "text" }), autoComplete: "username", spellCheck: false }}
            errors={profileFields.username.errors}
          />
          <SubmitButton pendingText="Saving…" name="intent" value="profile">
            Save profile
          </SubmitButton>
        </Form>
      </Section>

      <Section
        id="email"
        title="Change your email address"
        description={`Now ${user.email}${user.emailVerified ? "" : " (not yet confirmed)"}. The new address gets a link; it replaces this one only once that link is opened, and every other device is then signed out.`}
      >
        <Form method="post" {...getFormProps(emailForm)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="email" />
          <FormErrors id={emailForm.errorId} formErrors={emailForm.errors} />
          <Field
            label="New email address"
            inputProps={{ ...getInputProps(emailFields.email, { type: "email" }), autoComplete: "email" }}
            errors={emailFields.email.errors}
          />
          <Field
            label="Current password"
            inputProps={{
              ...getInputProps(emailFields.currentPassword, { type: "password" }),
              key: `email-current-${replyKey}`,
              autoComplete: "current-password",
            }}
            errors={emailFields.currentPassword.errors}
          />
          <SubmitButton pendingText="Sending…" name="intent" value="email">
            Send a confirmation link
          </SubmitButton>
        </Form>
      </Section>

      <Section id="password" title="Change your password" description="Every other device signed in to your account is signed out.">
        <Form method="post" {...getFormProps(passwordForm)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="password" />
          <FormErrors id={passwordForm.errorId} formErrors={passwordForm.errors} />
          <Field
            label="Current password"
            inputProps={{
              ...getInputProps(passwordFields.currentPassword, { type: "password" }),
              key: `current-${replyKey}`,
              autoComplete: "current-password",
            }}
            errors={passwordFields.currentPassword.errors}
          />
          <NewPasswordFields
            password={passwordFields.password}
            confirmPassword={passwordFields.confirmPassword}
            replyKey={replyKey}
            label="New password"
          />
          <SubmitButton pendingText="Changing…" name="intent" value="password">
            Change password
          </SubmitButton>
        </Form>
      </Section>

      <Section id="notifications" title="Email notifications">
        <Form method="post" {...getFormProps(mentionForm)} className="mt-4 space-y-4">
          <FormErrors id={mentionForm.errorId} formErrors={mentionForm.errors} />
          <div className="flex items-start gap-2">
            <input
              {...getInputProps(mentionFields.mentionEmails, { type: "checkbox" })}
              aria-describedby="mention-emails-hint"
              className="mt-1 h-4 w-4 rounded border-slate-300"
            />
            <div>
              <label htmlFor={mentionFields.mentionEmails.id} className="text-sm font-medium text-slate-800">
                Email me when someone mentions me
              </label>
              <p id="mention-emails-hint" className="text-sm text-slate-600">
                At most one email per room every 10 minutes, when someone writes @{user.username} in a post.
              </p>
            </div>
          </div>
          <SubmitButton pendingText="Saving…" variant="secondary" name="intent" value="mention-emails">
            Save notification setting
          </SubmitButton>
        </Form>
      </Section>

      <Section id="other-sessions" title="Sign out other sessions" description="Ends every session of your account except this one.">
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="sign-out-others" />
          <SubmitButton pendingText="Signing out…" variant="secondary" name="intent" value="sign-out-others">
            Sign out other sessions
          </SubmitButton>
        </Form>
      </Section>

      <Section id="sessions" title="Sign out everywhere" description="Ends every session of your account, on this device too.">
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <SubmitButton pendingText="Signing out…" variant="secondary" name="intent" value="sign-out-everywhere">
            Sign out everywhere
          </SubmitButton>
        </Form>
      </Section>
    </AppShell>
  );
}
