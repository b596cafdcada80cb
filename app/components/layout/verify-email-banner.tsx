import { Form, useLocation } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";

/** Shown on every member page until the account's address is proven. A plain POST form: works without JavaScript. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const location = useLocation();
  return (
    <section aria-labelledby="verify-email-heading" className="border-b border-amber-300 bg-amber-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3 text-sm text-amber-950 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="verify-email-heading" className="font-semibold">
            Confirm your email address
          </h2>
          <p>
            We sent a link to <strong className="break-all">{email}</strong>. Until you open it, invitations sent to this address do not
            reach your account.
          </p>
        </div>
        <Form method="post" action="/auth/resend-verification" className="shrink-0">
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          <SubmitButton variant="secondary" pendingText="Sending…">
            Resend the link
          </SubmitButton>
        </Form>
      </div>
    </section>
  );
}
