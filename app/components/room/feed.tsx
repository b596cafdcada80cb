import { Form, Link } from "@remix-run/react";
import { useCallback, useState, type MouseEvent } from "react";
import { useHydrated } from "remix-utils/use-hydrated";
import { initialsOf } from "~/components/layout/app-header";
import { RelativeTime } from "~/components/ui/relative-time";
import { PostBody } from "./post-body";
import { InlinePostEdit, editPostPath } from "./post-edit-form";
import { PostReactions, ReactForm, type ReactionCount } from "./post-reactions";
import { MeetingEntry, type MeetingEntryData } from "~/components/room/meeting-entry";
import type { MessageNode } from "~/utils/message-tree";

export interface FeedPost {
  id: string;
  /** A member's post unless set; meeting entries render as a line of their own. */
  kind?: "post" | MeetingEntryData["kind"];
  meeting?: MeetingEntryData["meeting"];
  creatorId: string | null;
  authorName: string;
  /** The words alone; a saved post also carries them formatted, as `body`. */
  message: string;
  body?: MessageNode[];
  /** Its words are in the page's markup instead (`DocumentOnlyData`). */
  bodyInDocument?: boolean;
  isDeleted: boolean;
  createdAt: string;
  pending?: boolean;
  /** Whether the viewer may delete it (the service decides). */
  mayDelete?: boolean;
  /** When its author last changed it, if ever. */
  editedAt?: string | null;
  /** Whether the viewer may edit it: their own, not deleted (the service decides). */
  mayEdit?: boolean;
  reactions?: ReactionCount[];
  /** The room's members it names. */
  mentions?: Array<{ userId: string; username: string }>;
}

const GROUP_WINDOW_MS = 5 * 60_000;

/**
 * One form serves every post's Delete button (each names it with `form=` and submits its post id):
 * fifty Remix forms cost the room page more to render than its fifty posts' text.
 */
const DELETE_FORM_ID = "delete-post";

const isMeetingEntry = (post: FeedPost): post is FeedPost & MeetingEntryData => post.kind !== undefined && post.kind !== "post";

/** Consecutive posts by one author, close in time, share one header; the first new post starts a group of its own. */
function groupPosts(posts: FeedPost[], newFromId: string | null) {
  const groups: FeedPost[][] = [];
  for (const post of posts) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    if (
      group &&
      previous &&
      post.id !== newFromId &&
      !isMeetingEntry(post) &&
      !isMeetingEntry(previous) &&
      previous.creatorId === post.creatorId &&
      Date.parse(post.createdAt) - Date.parse(previous.createdAt) < GROUP_WINDOW_MS
    ) {
      group.push(post);
    } else {
      groups.push([post]);
    }
  }
  return groups;
}

const NEW_DIVIDER = "new-divider";

/** The groups, with the "New" divider in its place: above the group the first new post starts. */
const withNewDivider = (groups: FeedPost[][], newFromId: string | null) =>
  groups.flatMap((group): Array<FeedPost[] | typeof NEW_DIVIDER> => (group[0]!.id === newFromId ? [NEW_DIVIDER, group] : [group]));

/** Above the first post the viewer had not read when the page loaded. */
function NewDivider() {
  return (
    <li>
      <div role="separator" aria-label="New posts" className="flex items-center gap-2 text-xs font-semibold uppercase text-red-700">
        <span className="h-px flex-1 bg-red-300" />
        New
        <span className="h-px flex-1 bg-red-300" />
      </div>
    </li>
  );
}

/** Which post is being edited in place (with JS); focus goes back to its Edit link when done. */
function useInlineEditing() {
  const hydrated = useHydrated();
  const [editing, setEditing] = useState<string | null>(null);
  const close = useCallback(() => {
    setEditing((postId) => {
      // The post's Edit link is its only link child (no id on each of fifty posts).
      if (postId) requestAnimationFrame(() => document.getElementById(`post-${postId}`)?.querySelector<HTMLElement>(":scope > a")?.focus());
      return null;
    });
  }, []);
  const open = (postId: string) => (event: MouseEvent) => {
    if (!hydrated) return;
    event.preventDefault();
    setEditing(postId);
  };
  return { editing, open, close };
}

export function Feed({
  posts,
  olderHref,
  roomId,
  newFromId = null,
}: {
  posts: FeedPost[];
  olderHref: string | null;
  roomId?: string;
  /** The first post new to the viewer: a "New" divider goes above it. */
  newFromId?: string | null;
}) {
  const edits = useInlineEditing();
  return (
    // column-reverse: the view starts at the newest post, with or without JavaScript.
    <section aria-labelledby="feed-heading" className="flex min-h-0 flex-1 flex-col-reverse overflow-y-auto">
      <div className="px-1 py-4">
        <h2 id="feed-heading" className="sr-only">
          Posts
        </h2>
        <Form id={DELETE_FORM_ID} method="post" preventScrollReset hidden>
          <input type="hidden" name="intent" value="delete-post" />
        </Form>
        {roomId ? <ReactForm /> : null}
        {olderHref ? (
          <p className="mb-4 text-center">
            <Link to={olderHref} className="text-sm font-medium text-brand-700 underline" preventScrollReset>
              Load older posts
            </Link>
          </p>
        ) : posts.length ? (
          <p className="mb-4 text-center text-xs text-slate-600">This is the beginning of the room.</p>
        ) : (
          <p className="py-10 text-center text-slate-600">No posts yet. Say hello!</p>
        )}
        <ol className="space-y-4">
          {withNewDivider(groupPosts(posts, newFromId), newFromId).map((group, groupIndex) =>
            group === NEW_DIVIDER ? (
              <NewDivider key={NEW_DIVIDER} />
            ) : isMeetingEntry(group[0]!) ? (
              <MeetingEntry key={group[0]!.id} entry={group[0]} />
            ) : (
              <li key={group[0]!.id} className="flex gap-3">
                <span
                  aria-hidden="true"
                  className="mt-1 flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700"
                >
                  {initialsOf(group[0]!.authorName)}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="text-sm">
                    <span className="font-semibold">{group[0]!.authorName}</span>{" "}
                    <span className="text-xs text-slate-600">
                      <RelativeTime date={group[0]!.createdAt} />
                    </span>
                  </p>
                  {/* Each Delete button of the group is named by this ("Delete post by Ada"): said once, not once per post. */}
                  <span id={`by-${groupIndex}`} hidden>{`Delete post by ${group[0]!.authorName}`}</span>
                  {/* Styled from the list (feed-posts in app/tailwind.css): fifty posts, one set of classes. */}
                  <ol className="feed-posts">
                    {group.map((post) => (
                      <li key={post.id} id={`post-${post.id}`}>
                        {post.isDeleted ? (
                          <p className="text-sm italic text-slate-600">message deleted</p>
                        ) : roomId && edits.editing === post.id ? (
                          <InlinePostEdit roomId={roomId} postId={post.id} onClose={edits.close} />
                        ) : (
                          <div>
                            <PostBody
                              postId={post.id}
                              message={post.message}
                              body={post.body}
                              bodyInDocument={post.bodyInDocument}
                              editedAt={post.editedAt}
                              pending={post.pending}
                            />
                            {roomId && !post.pending ? (
                              <PostReactions roomId={roomId} postId={post.id} reactions={post.reactions ?? []} />
                            ) : null}
                          </div>
                        )}
                        {roomId && post.mayEdit && !post.pending && edits.editing !== post.id ? (
                          // A plain link: with JS the click opens the editor in place, so a router Link would only cost render time.
                          <a href={editPostPath(roomId, post.id)} onClick={edits.open(post.id)} aria-label="Edit your post">
                            Edit
                          </a>
                        ) : null}
                        {!post.isDeleted && !post.pending && post.mayDelete ? (
                          <button form={DELETE_FORM_ID} name="postId" value={post.id} aria-labelledby={`by-${groupIndex}`}>
                            Delete
                          </button>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </div>
              </li>
            ),
          )}
        </ol>
      </div>
    </section>
  );
}
