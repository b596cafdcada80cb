import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { AppShell } from "~/components/layout/app-shell";
import { UnreadCounts } from "~/components/rooms/unread-counts";
import { buttonClass } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import { parseRoomSearch } from "~/utils/room-forms.server";
import { useOptionalUser } from "~/root";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "My rooms · Parley" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const { q, cursor } = parseRoomSearch(url.searchParams);
  const [page, pendingInvites] = await Promise.all([
    context.services.rooms.listMine(user.id, { q, cursor }),
    context.services.participants.countReceived(user),
  ]);
  // The sidebar's total comes from this page's rows (no query of its own): on the first page, unfiltered,
  // which holds the most recently active rooms, where new posts are.
  const unreadTotal = q || cursor ? undefined : page.rooms.reduce((sum, room) => sum + room.unreadCount, 0);
  // What the page shows of each room, no more: the signed-in user comes from the root loader.
  const rooms = page.rooms.map(
    ({ id, name, description, memberCount, inMeetingCount, lastPostAt, role, unreadCount, unreadMentionCount }) => ({
      id,
      name,
      description,
      memberCount,
      inMeetingCount,
      lastPostAt,
      role,
      unreadCount,
      unreadMentionCount,
    }),
  );
  return json({ q: q ?? "", pendingInvites, unreadTotal, rooms, nextCursor: page.nextCursor });
}

function SearchBox({ q }: { q: string }) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  // Typing searches after a pause, unless the person has meanwhile gone somewhere else.
  useEffect(() => {
    if (navigation.location && navigation.location.pathname !== "/home") clearTimeout(timer.current);
  }, [navigation.location]);
  return (
    <Form
      method="get"
      role="search"
      className="flex gap-2"
      onSubmit={() => clearTimeout(timer.current)}
      onChange={(event) => {
        const form = event.currentTarget;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), 250);
      }}
    >
      <label htmlFor="room-search" className="sr-only">
        Search my rooms
      </label>
      <input
        id="room-search"
        name="q"
        type="search"
        defaultValue={q}
        maxLength={100}
        placeholder="Search my rooms"
        className="w-full rounded-md border border-slate-300 px-3 py-2"
      />
      <button type="submit" className={buttonClass("secondary")}>
        Search
      </button>
    </Form>
  );
}

export default function MyRooms() {
  const { rooms, nextCursor, q, pendingInvites, unreadTotal } = useLoaderData<typeof loader>();
  // The root loader sends the signed-in user (this route's loader has required one).
  const user = useOptionalUser()!;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/home";
  const moreParams = new URLSearchParams(searchParams);
  if (nextCursor) moreParams.set("cursor", nextCursor);

  return (
    <AppShell user={user} pendingInvites={pendingInvites} unreadTotal={unreadTotal}>
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">My rooms</h1>
        <Link id="new-room-button" to="/home/new" className={buttonClass("primary")} preventScrollReset>
          <span aria-hidden="true">+</span> New room
        </Link>
      </div>
      <div className="mt-4">
        <SearchBox q={q} />
      </div>
      <div aria-live="polite" aria-busy={searching} className="mt-6">
        {rooms.length === 0 ? (
          q ? (
            <p className="text-slate-700">No room matches “{q}”.</p>
          ) : (
            <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
              <h2 className="text-lg font-semibold">No rooms yet</h2>
              <p className="mt-2 text-slate-700">
                A room is where a team talks: a feed of posts, its members, and a video meeting. Create one and invite people by email.
              </p>
              <Link to="/home/new" className={buttonClass("primary", "mt-4")}>
                Create your first room
              </Link>
            </div>
          )
        ) : (
          <ul className="space-y-3">
            {rooms.map((room) => (
              <li key={room.id} className="rounded-xl border border-slate-200 bg-white p-4 hover:border-brand-500">
                <h2 className="font-semibold">
                  <Link to={`/room/${room.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {room.name}
                  </Link>
                  {room.inMeetingCount ? (
                    <span className="ml-2 inline-flex items-center gap-1 align-middle text-xs font-medium text-emerald-800">
                      <span aria-hidden="true" className="h-2 w-2 animate-pulse rounded-full bg-emerald-500 motion-reduce:animate-none" />
                      {room.inMeetingCount} in the meeting
                    </span>
                  ) : null}
                  <UnreadCounts unread={room.unreadCount} mentions={room.unreadMentionCount} />
                </h2>
                {room.description ? <p className="mt-1 line-clamp-2 text-sm text-slate-700">{room.description}</p> : null}
                <p className="mt-2 text-xs text-slate-600">
                  {`${room.memberCount} ${room.memberCount === 1 ? "member" : "members"} · `}
                  {room.lastPostAt ? (
                    <>
                      last post <RelativeTime date={room.lastPostAt} />
                    </>
                  ) : (
                    "no posts yet"
                  )}
                  {room.role === "owner" ? " · you own it" : null}
                </p>
              </li>
            ))}
          </ul>
        )}
        {nextCursor ? (
          <p className="mt-4">
            <Link to={`/home?${moreParams}`} className="font-medium text-brand-700 underline">
              More rooms
            </Link>
          </p>
        ) : null}
      </div>
      <Outlet />
    </AppShell>
  );
}
