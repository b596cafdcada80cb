import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isDomainError } from "../../server/errors";
import { linkTokenField } from "../../server/schemas/fields";
import { AuthLayout } from "~/components/layout/auth-layout";
import { buttonClass, SubmitButton } from "~/components/ui/button";
import { setFlash } from "~/utils/flash.server";
import { readForm, requestOrigin } from "~/utils/forms.server";
import { commitSessionCookie, getSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Confirm your email address · Parley" }];

/**
 * The link from a verification or email-change email. Opening it changes nothing (mail scanners
 * open links): the page asks for a click, and only that POST spends the token.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = linkTokenField.safeParse(new URL(request.url).searchParams.get("token") ?? "");
  const link = token.success ? await context.services.emailVerification.inspect(token.data) : null;
  if (!token.success || !link) return json({ link: null }, { status: 410 });
  return json({ link: { token: token.data, ...link } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const token = linkTokenField.safeParse(formData.get("token") ?? "");
  if (!token.success) return json({ problem: "expired" as const, message: null }, { status: 410 });
  const session = await getSession(request, context);
  let confirmed;
  try {
    confirmed = await context.services.emailVerification.confirm(
      token.data,
      session ? { userId: session.user.id } : null,
      requestOrigin(request, context),
    );
  } catch (error) {
    if (isDomainError(error, "invalid-token")) return json({ problem: "expired" as const, message: null }, { status: 410 });
    if (isDomainError(error, "conflict")) return json({ problem: "taken" as const, message: error.message }, { status: 409 });
    throw error;
  }
  const done =
    confirmed.purpose === "change" ? `Your email address is now ${confirmed.email}.` : `Thank you: ${confirmed.email} is confirmed.`;
  const headers = new Headers();
  if (confirmed.session) {
    headers.append("Set-Cookie", await commitSessionCookie(context, confirmed.session));
    headers.append("Set-Cookie", await setFlash(context, { kind: "success", message: `${done} Every other device was signed out.` }));
    return redirect(confirmed.purpose === "change" ? "/profile" : "/home", { headers });
  }
  headers.append(
    "Set-Cookie",
    await setFlash(context, { kind: "success", message: `${done} Every device was signed out: sign in to continue.` }),
  );
  return redirect("/auth/signin", { headers });
}

function LinkProblem({ taken }: { taken?: string | null }) {
  return (
    <AuthLayout title={taken ? "This address is taken" : "This link no longer works"}>
      <div className="space-y-4 text-slate-700">
        <p>
          {taken ??
            "Email confirmation links work once and expire after 24 hours. This one has been used, has expired, or was replaced by a newer one."}
        </p>
        <p>Signed in, you can ask for a new link from the banner at the top of your pages, or change your address on your profile.</p>
        <Link to="/home" className={buttonClass("primary")}>
          Go to Parley
        </Link>
      </div>
    </AuthLayout>
  );
}

export default function VerifyEmailPage() {
  const { link } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.problem) return <LinkProblem taken={actionData.problem === "taken" ? actionData.message : null} />;
  if (!link) return <LinkProblem />;
  const change = link.purpose === "change";
  return (
    <AuthLayout
      title={change ? "Confirm your new email address" : "Confirm your email address"}
      intro={
        <p>
          {change ? "Your account's address will become " : "Confirm that this address is yours: "}
          <strong className="break-all">{link.email}</strong>. After this, every device signed in to the account is signed out
          {change ? "." : ", and this browser stays signed in if it was."}
        </p>
      }
    >
      <Form method="post">
        <input type="hidden" name="token" value={link.token} />
        <SubmitButton pendingText="Confirming…" className="w-full">
          {change ? "Confirm my new address" : "Confirm my address"}
        </SubmitButton>
      </Form>
    </AuthLayout>
  );
}
