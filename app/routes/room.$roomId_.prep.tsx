import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { lazy, Suspense } from "react";
import { ClientOnly } from "remix-utils/client-only";
import { MeetingLayout, VideoNeedsJavaScript } from "~/components/meeting/meeting-layout";
import { requireMeetingSeat } from "~/utils/meeting-visitor.server";

// LiveKit, the track processors and MediaPipe load only here and on the meeting page, in their own chunk.
const PrepScreen = lazy(() => import("~/components/meeting/prep-screen.client"));

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Join ${data.seat.roomName} · Parley` : "Join the meeting · Parley" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { seat } = await requireMeetingSeat(request, context, params.roomId);
  return json({ seat, available: context.services.meetings.available });
}

export default function PrepPage() {
  const { seat, available } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const back = seat.kind === "member" ? { to: `/room/${seat.roomId}`, label: "Back to the room" } : { to: "/", label: "Parley home" };
  return (
    <MeetingLayout roomName={seat.roomName} backTo={back.to} backLabel={back.label}>
      <h1 className="text-2xl font-semibold tracking-tight">Get ready to join</h1>
      <p className="mt-1 text-slate-700">Check your camera, microphone and background before you go in.</p>
      <div className="mt-6">
        <VideoNeedsJavaScript backTo={back.to} backLabel={back.label} />
        {!available ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
            Meetings are not available on this server yet: no LiveKit server is configured.
          </p>
        ) : (
          <ClientOnly fallback={<Placeholder />}>
            {() => (
              <Suspense fallback={<Loading />}>
                <PrepScreen
                  roomId={seat.roomId}
                  roomName={seat.roomName}
                  defaultName={seat.displayName}
                  onJoin={() => navigate(`/room/${seat.roomId}/meeting`)}
                />
              </Suspense>
            )}
          </ClientOnly>
        )}
      </div>
    </MeetingLayout>
  );
}

/** Server-rendered and until hydration: a quiet box, no words (without JS the notice above explains). */
function Placeholder() {
  return <div aria-hidden="true" className="aspect-video max-w-3xl rounded-2xl bg-slate-200" />;
}

function Loading() {
  return (
    <p role="status" className="text-slate-700">
      Loading your camera preview…
    </p>
  );
}
