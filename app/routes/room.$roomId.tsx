import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { AppHeader } from "~/components/layout/app-header";
import { Composer, useSendingMessages } from "~/components/room/composer";
import { Feed } from "~/components/room/feed";
import { packFeed, unpackFeed, type PackedFeed } from "~/components/room/feed-wire";
import { MembersPanel } from "~/components/room/members-panel";
import { NewPostAnnouncer } from "~/components/room/new-post-announcer";
import { RoomSearchBox } from "~/components/room/room-search-box";
import { SearchResults, type SearchResult } from "~/components/room/search-results";
import { usePostTarget } from "~/components/room/use-post-target";
import { buttonClass } from "~/components/ui/button";
import { setFlash } from "~/utils/flash.server";
import { readForm, requestOrigin } from "~/utils/forms.server";
import { keepRetryAfter as headers } from "~/utils/headers";
import { changeMember } from "~/utils/member-actions.server";
import { parsePostForm, parseReaction } from "~/utils/room-forms.server";
import { messageTree } from "~/utils/message-tree.server";
import { parseRoomPostSearch } from "~/utils/room-search.server";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { useOptionalUser } from "~/root";
import { isDomainError } from "../../server/errors";
import type { RoomAccess } from "../../server/services/rooms";
import { requireUser } from "~/utils/session.server";

export { headers };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.room.name} · Parley` : "Room · Parley" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const membersOpen = url.searchParams.get("members") === "open";
  const before = url.searchParams.get("before") ?? undefined;
  const search = parseRoomPostSearch(url.searchParams);
  if (search.q) {
    // Searching: the results take the feed's place (the same access check, one query for them).
    const { access, results, members } = await context.services.postSearch.view(user.id, params.roomId, {
      q: search.q,
      before,
      withMembers: membersOpen,
    });
    return json({
      ...roomHeader(access),
      feed: null,
      members,
      firstUnreadId: null,
      search: {
        q: search.q,
        error: null,
        words: results.words,
        // Formatted here, like the feed, so the page needs no Markdown parser.
        results: results.posts.map(({ id, authorName, message, createdAt }) => ({ id, authorName, body: messageTree(message), createdAt })),
        olderCursor: results.olderCursor,
        older: Boolean(before),
      },
    });
  }
  const { access, feed, members, firstUnreadId } = await context.services.rooms.view(user.id, params.roomId, {
    before,
    at: url.searchParams.get("at") ?? undefined,
    withMembers: membersOpen,
  });
  return json(
    {
      ...roomHeader(access),
      feed: packFeed(feed, { roomId: access.room.id, viewerId: user.id }, context.documentOnly ?? undefined),
      members,
      firstUnreadId,
      // A search that cannot run: the feed as usual, the field's message by the search box.
      search: search.error ? { q: url.searchParams.get("q")!.slice(0, 200), error: search.error } : null,
    },
    { status: search.error ? 400 : 200 },
  );
}

const roomHeader = (access: RoomAccess) => ({
  room: { id: access.room.id, name: access.room.name, description: access.room.description },
  permissions: access.permissions,
  inMeeting: access.inMeeting,
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readForm(request, context);
  const intent = formData.get("intent");
  const { posts } = context.services;

  if (intent === "post") {
    const submission = parsePostForm(formData);
    if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
    try {
      const post = await posts.create(user.id, params.roomId!, submission.value);
      // With JS the composer stays put (the feed revalidates); without, the page returns at the new post.
      if (formData.get("via") === "fetch") return json({ result: submission.reply({ resetForm: true }), postId: post.id });
      return redirect(`/room/${params.roomId}#post-${post.id}`);
    } catch (error) {
      // Too many posts: the composer says so (429, Retry-After), the page stays.
      if (!isDomainError(error, "rate-limited")) throw error;
      return replyWithServiceError(submission, error);
    }
  }

  if (intent === "remove-participant" || intent === "resend-invite") {
    const participantId = String(formData.get("participantId") ?? "");
    let message: string;
    if (intent === "remove-participant") {
      await context.services.participants.remove(user.id, params.roomId!, participantId);
      message = "They have been removed from the room.";
    } else {
      await context.services.participants.resendInvite(user, params.roomId!, participantId, requestOrigin(request, context));
      message = "A new invitation is on its way.";
    }
    return redirect(`/room/${params.roomId}?members=open`, {
      headers: { "Set-Cookie": await setFlash(context, { kind: "success", message }) },
    });
  }

  if (intent === "react") {
    const reaction = parseReaction(formData);
    if (!reaction) return json({ reactionError: "Choose one of the six reactions" }, { status: 400 });
    await posts.react(user.id, params.roomId!, reaction.postId, reaction.emoji);
    return redirect(`/room/${params.roomId}#post-${reaction.postId}`);
  }

  if (intent === "set-role" || intent === "remove-from-meeting") {
    const message = await changeMember(intent, user.id, params.roomId!, formData, context);
    return redirect(`/room/${params.roomId}?members=open`, {
      headers: { "Set-Cookie": await setFlash(context, { kind: "success", message }) },
    });
  }

  if (intent === "delete-post") {
    await posts.delete(user.id, params.roomId!, String(formData.get("postId") ?? ""));
    return redirect(`/room/${params.roomId}`);
  }

  throw new Response("Unknown action", { status: 400 });
}

/** "2 in the meeting: Ann, Bo", live: presence changes arrive on the same event stream as posts. */
function MeetingPresence({ names }: { names: string[] }) {
  return (
    <p className="mt-1 text-sm text-slate-700" aria-live="polite" data-testid="meeting-presence">
      {names.length ? (
        <>
          <span aria-hidden="true" className="mr-1.5 inline-block h-2 w-2 rounded-full bg-emerald-500 align-middle" />
          <strong className="font-semibold">{`${names.length} in the meeting`}</strong>: {names.join(", ")}
        </>
      ) : (
        "No one is in the meeting."
      )}
    </p>
  );
}

/**
 * New posts from others arrive by Server-Sent Events; each one refetches the feed. Refetching the
 * newest page marks the room read, so a hidden tab waits and catches up when it is shown again.
 */
function useLiveFeed(roomId: string) {
  const { revalidate } = useRevalidator();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let missed = false;
    const refresh = () => {
      missed = document.visibilityState === "hidden";
      if (!missed) revalidate();
    };
    const shown = () => {
      if (missed && document.visibilityState === "visible") refresh();
    };
    const source = new EventSource(`/room/${roomId}/events`);
    source.addEventListener("room", refresh);
    // EventSource reconnects by itself after a drop; catch up on what was missed when it does.
    source.addEventListener("open", () => {
      setConnected(true);
      refresh();
    });
    source.addEventListener("error", () => setConnected(false));
    document.addEventListener("visibilitychange", shown);
    return () => {
      source.close();
      document.removeEventListener("visibilitychange", shown);
    };
  }, [roomId, revalidate]);
  return connected;
}

/** Where "New" begins, as it was when the room was opened: refetches (live posts, paging) do not move it. */
function useNewFrom(roomId: string, firstUnreadId: string | null) {
  const [opened, setOpened] = useState({ roomId, firstUnreadId });
  if (opened.roomId !== roomId) {
    setOpened({ roomId, firstUnreadId });
    return firstUnreadId;
  }
  return opened.firstUnreadId;
}

export default function RoomPage() {
  const { room, permissions, feed, members, inMeeting, search, firstUnreadId } = useLoaderData<typeof loader>();
  const newFromId = useNewFrom(room.id, firstUnreadId);
  // The root loader sends the signed-in user (this route's loader has required one).
  const user = useOptionalUser()!;
  const location = useLocation();
  // JSON typing widens the optional last tuple element; the shape is packFeed's own.
  const posts = useMemo(() => (feed ? unpackFeed(feed as PackedFeed) : []), [feed]);
  const results = search && "results" in search ? search : null;
  usePostTarget();
  const live = useLiveFeed(room.id);
  const sendingPosts = useSendingMessages(posts).map((message, index) => ({
    id: `sending-${index}`,
    creatorId: user.id,
    authorName: user.name,
    message,
    isDeleted: false,
    createdAt: new Date().toISOString(),
    pending: true,
  }));

  const membersOpen = members !== null;
  const toggleParams = new URLSearchParams(location.search);
  if (membersOpen) toggleParams.delete("members");
  else toggleParams.set("members", "open");
  toggleParams.delete("before");
  const olderParams = new URLSearchParams(location.search);
  const olderCursor = feed ? feed.olderCursor : results?.olderCursor;
  if (olderCursor) olderParams.set("before", olderCursor);
  olderParams.delete("at");
  // A page of the past (older posts, or a search result's place): the way back to the newest posts.
  const shown = new URLSearchParams(location.search);
  const pastPage = feed !== null && (shown.has("at") || shown.has("before"));

  return (
    <div className="flex h-screen flex-col">
      <div data-behind-drawer>
        <AppHeader user={user} />
      </div>
      <div className="mx-auto flex min-h-0 w-full max-w-6xl flex-1 gap-4 px-4">
        <main
          id="main"
          tabIndex={-1}
          data-behind-drawer
          data-live={live ? "connected" : "offline"}
          className="flex min-h-0 min-w-0 flex-1 flex-col"
        >
          <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 py-4">
            <div className="min-w-0">
              <p className="text-sm">
                <Link to="/home" className="text-brand-700 underline">
                  My rooms
                </Link>
              </p>
              <h1 className="truncate text-2xl font-semibold tracking-tight">{room.name}</h1>
              {room.description ? <p className="mt-1 text-slate-700">{room.description}</p> : null}
              <MeetingPresence names={inMeeting} />
            </div>
            <div className="flex flex-wrap gap-2">
              <Link to={`/room/${room.id}/prep`} className={buttonClass("primary")}>
                {inMeeting.length ? "Join the meeting" : "Join meeting"}
              </Link>
              <Link
                id="members-toggle"
                to={`/room/${room.id}?${toggleParams}`}
                preventScrollReset
                aria-expanded={membersOpen}
                aria-controls="members-panel"
                className={buttonClass("secondary")}
              >
                {membersOpen ? "Hide members" : "Show members"}
              </Link>
              {permissions.addMembers ? (
                <Link id="add-members-button" to={`/room/${room.id}/members/new`} className={buttonClass("secondary")}>
                  Add members
                </Link>
              ) : null}
              {permissions.rename || permissions.delete ? (
                <Link to={`/room/${room.id}/settings`} className={buttonClass("secondary")}>
                  Room settings
                </Link>
              ) : null}
              <Link id="leave-room-button" to={`/room/${room.id}/leave`} className={buttonClass("ghost")}>
                Leave room
              </Link>
            </div>
            <RoomSearchBox q={search?.q ?? ""} error={search?.error ?? null} />
          </header>
          {results ? (
            <SearchResults
              roomId={room.id}
              q={results.q}
              words={results.words}
              // JSON typing cannot follow the recursive message tree; the shape is the loader's own.
              results={results.results as unknown as SearchResult[]}
              olderHref={results.olderCursor ? `/room/${room.id}?${olderParams}` : null}
              older={results.older}
            />
          ) : (
            <>
              <Feed
                posts={sendingPosts.length ? [...posts, ...sendingPosts] : posts}
                olderHref={feed?.olderCursor ? `/room/${room.id}?${olderParams}` : null}
                roomId={room.id}
                newFromId={newFromId}
              />
              {pastPage ? (
                <p className="py-2 text-center">
                  <Link to={`/room/${room.id}`} className="text-sm font-medium text-brand-700 underline">
                    Jump to the newest posts
                  </Link>
                </p>
              ) : null}
              <NewPostAnnouncer posts={posts} selfId={user.id} />
              <Composer roomId={room.id} />
            </>
          )}
        </main>
        {members ? (
          <MembersPanel
            roomId={room.id}
            members={members}
            mayAddMembers={permissions.addMembers}
            mayHandOver={permissions.handOver}
            closeHref={`/room/${room.id}?${toggleParams}`}
          />
        ) : null}
      </div>
      <Outlet />
    </div>
  );
}
