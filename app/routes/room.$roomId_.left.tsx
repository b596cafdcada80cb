import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuthLayout } from "~/components/layout/auth-layout";
import { buttonClass } from "~/components/ui/button";
import { getMeetingVisitor } from "~/utils/meeting-visitor.server";

export const meta: MetaFunction = () => [{ title: "You left the meeting · Parley" }];

/** Where a guest lands after leaving: thanks, the way back in, and an offer of an account. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const visitor = await getMeetingVisitor(request, context, params.roomId);
  const seat = await context.services.meetings.seatFor(visitor, params.roomId).catch(() => null);
  if (seat?.kind === "member") throw redirect(`/room/${seat.roomId}`);
  return json({ seat: seat ? { roomId: seat.roomId, roomName: seat.roomName, email: seat.email } : null, signedIn: Boolean(visitor.user) });
}

export default function LeftMeetingPage() {
  const { seat, signedIn } = useLoaderData<typeof loader>();
  return (
    <AuthLayout title="You left the meeting" intro={seat ? <>Thanks for joining {seat.roomName}.</> : "Thanks for joining."}>
      <div className="space-y-4">
        {seat ? (
          <Link to={`/room/${seat.roomId}/prep`} className={buttonClass("secondary", "w-full")}>
            Rejoin the meeting
          </Link>
        ) : null}
        {seat && !signedIn ? (
          <div className="rounded-lg bg-brand-50 p-4 text-slate-800">
            <h2 className="font-semibold">Keep this room</h2>
            <p className="mt-1 text-sm">
              Create a Parley account with {seat.email} to read and write the room&apos;s posts and find it again in My rooms.
            </p>
            <Link
              to={`/auth/signup?${new URLSearchParams({ email: seat.email, redirectTo: "/invites" })}`}
              className={buttonClass("primary", "mt-3 w-full")}
            >
              Create an account
            </Link>
          </div>
        ) : null}
        <Link to="/" className="block text-center text-sm font-medium text-brand-700 underline">
          Go to Parley
        </Link>
      </div>
    </AuthLayout>
  );
}
