import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import livekitStyles from "@livekit/components-styles/index.css";
import meetingStyles from "~/components/meeting/meeting.css";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { ClientOnly } from "remix-utils/client-only";
import { isDomainError } from "../../server/errors";
import { JoinMeetingSchema } from "../../server/schemas/meetings";
import { MeetingLayout, VideoNeedsJavaScript } from "~/components/meeting/meeting-layout";
import { loadDisplayName } from "~/components/meeting/meeting-choices";
import type { MeetingEnd } from "~/components/meeting/meeting-screen.client";
import { buttonClass } from "~/components/ui/button";
import { readForm } from "~/utils/forms.server";
import { getMeetingVisitor, requireMeetingSeat } from "~/utils/meeting-visitor.server";

// The conference (livekit-client and LiveKit's components) is its own chunk, loaded on this page only.
const MeetingScreen = lazy(() => import("~/components/meeting/meeting-screen.client"));

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: livekitStyles },
  { rel: "stylesheet", href: meetingStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Meeting · ${data.seat.roomName} · Parley` : "Meeting · Parley" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { seat } = await requireMeetingSeat(request, context, params.roomId);
  return json({ seat, available: context.services.meetings.available });
}

/** The LiveKit token, minted when the browser is about to connect (a POST: it is rate-limited). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const visitor = await getMeetingVisitor(request, context, params.roomId);
  const formData = await readForm(request, context);
  const parsed = JoinMeetingSchema.safeParse({ displayName: formData.get("displayName") ?? "" });
  if (!parsed.success) return json({ error: parsed.error.issues[0]!.message }, { status: 400 });
  try {
    const details = await context.services.meetings.join(visitor, params.roomId, parsed.data);
    return json({ details: { serverUrl: details.serverUrl, token: details.token } });
  } catch (error) {
    if (isDomainError(error, "unavailable") || isDomainError(error, "rate-limited")) {
      const status = isDomainError(error, "unavailable") ? 503 : 429;
      return json({ error: error.message }, { status });
    }
    throw error;
  }
}

const END_MESSAGES: Record<MeetingEnd, { title: string; text: string; retry: boolean }> = {
  removed: { title: "You were removed from this meeting", text: "The room's owner removed you from the room.", retry: false },
  ended: { title: "The meeting has ended", text: "The room was closed.", retry: false },
  replaced: { title: "You joined from somewhere else", text: "This meeting is now open in another tab or device.", retry: true },
  lost: { title: "You were disconnected", text: "The connection to the meeting server was lost.", retry: true },
  failed: {
    title: "Could not connect to the meeting",
    text: "The meeting server did not answer, or your link to it has expired. Check your connection and try again.",
    retry: true,
  },
};

export default function MeetingPage() {
  const { seat, available } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const token = useFetcher<typeof action>();
  const [end, setEnd] = useState<MeetingEnd | null>(null);
  const roomPage = `/room/${seat.roomId}`;
  const back = seat.kind === "member" ? { to: roomPage, label: "Back to the room" } : { to: `${roomPage}/left`, label: "Leave" };

  const submitToken = token.submit;
  const requestToken = useCallback(
    () => submitToken({ displayName: loadDisplayName(seat.roomId) ?? seat.displayName }, { method: "post" }),
    [submitToken, seat.roomId, seat.displayName],
  );

  useEffect(() => {
    if (available) requestToken();
  }, [available, requestToken]);

  function retry() {
    setEnd(null);
    requestToken();
  }

  const details = token.data && "details" in token.data ? token.data.details : null;
  const error = token.data && "error" in token.data ? token.data.error : null;
  const problem = end ? END_MESSAGES[end] : error ? { title: "Could not join the meeting", text: error, retry: true } : null;

  return (
    <MeetingLayout roomName={seat.roomName} backTo={back.to} backLabel={back.label} fullHeight>
      <h1 className="sr-only">Meeting in {seat.roomName}</h1>
      <div className="px-4">
        <VideoNeedsJavaScript backTo={back.to} backLabel={back.label} />
      </div>
      {!available ? (
        <p role="alert" className="m-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
          Meetings are not available on this server yet: no LiveKit server is configured.
        </p>
      ) : problem ? (
        <div role="alert" className="mx-auto mt-10 max-w-lg rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="text-xl font-semibold">{problem.title}</h2>
          <p className="mt-2 text-slate-700">{problem.text}</p>
          <div className="mt-5 flex flex-wrap gap-3">
            {problem.retry ? (
              <button type="button" onClick={retry} className={buttonClass("primary")}>
                Try again
              </button>
            ) : null}
            <Link to={back.to} className={buttonClass("secondary")}>
              {back.label}
            </Link>
          </div>
        </div>
      ) : details ? (
        <ClientOnly fallback={null}>
          {() => (
            <Suspense fallback={<Connecting />}>
              <div className="min-h-0 flex-1" data-testid="conference">
                <MeetingScreen
                  key={details.token}
                  roomId={seat.roomId}
                  details={details}
                  onLeave={() => navigate(back.to)}
                  onEnd={setEnd}
                />
              </div>
            </Suspense>
          )}
        </ClientOnly>
      ) : (
        <Connecting />
      )}
    </MeetingLayout>
  );
}

function Connecting() {
  return (
    <p role="status" className="p-6 text-center text-slate-700">
      Connecting to the meeting…
    </p>
  );
}
