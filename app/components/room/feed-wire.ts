import type { DocumentOnlyData } from "~/utils/document-only";
import { messageText, type MessageNode } from "~/utils/message-tree";
import { messageTree } from "~/utils/message-tree.server";
import type { FeedPost } from "./feed";
import type { ReactionCount } from "./post-reactions";

/**
 * The feed as the room page's loader sends it for hydration. The posts are already in the HTML,
 * so their data goes once more in the smallest sound shape: each author's id and name once, each
 * post as a tuple of what the feed shows, and on a whole page not even its words (the browser
 * reads them back from the markup).
 */
export interface PackedFeed {
  authors: Array<[id: string, name: string]>;
  posts: Array<PackedPost | PackedMeetingEntry>;
  olderCursor: string | null;
  /** Each member the page's posts name, once: [user id, username]; left off when none. */
  mentioned?: Array<[userId: string, username: string]>;
}

/**
 * A member's post: [id, index in `authors`, message formatted (`messageTree`, its mentions linked
 * for this reader; null when the page's markup carries it), created at (ms since the epoch), flags (FLAGS), edited at (ms; 0 when never,
 * left off with everything after it), reactions (left off when none, [] before mentions), the
 * members it names (indexes in `mentioned`; left off when none)].
 */
type PackedPost = [
  id: string,
  author: number,
  /** MessageNode[], typed loosely: Remix's JSON typing of a recursive type never ends. */
  body: unknown[] | null,
  createdAt: number,
  flags: number,
  editedAt?: number,
  reactions?: PackedReaction[],
  mentions?: number[],
];

/** Parley's meeting entries: author -1, and [started at, ended at or null, attendees] last. */
type PackedMeetingEntry = [id: string, author: -1, message: string, createdAt: number, flags: number, meeting?: PackedMeeting];

type PackedMeeting = [startedAt: number, endedAt: number | null, attendees: string[]];

/** [emoji, count, 1 when the viewer is one of them (else 0)] */
type PackedReaction = [emoji: string, count: number, mine: 0 | 1];

const FLAGS = { deleted: 1, mayDelete: 2, meetingStarted: 4, meetingEnded: 8, mayEdit: 16 } as const;

interface ServicePost {
  id: string;
  kind?: "post" | "meeting_started" | "meeting_ended";
  creatorId: string | null;
  authorName: string;
  message: string;
  isDeleted: boolean;
  createdAt: Date;
  mayDelete: boolean;
  mayEdit?: boolean;
  editedAt?: Date | null;
  reactions?: ReactionCount[];
  mentions?: Array<{ userId: string; username: string }>;
  meeting?: { startedAt: Date; endedAt: Date | null; attendees: string[] } | null;
}

const KIND_FLAGS = { post: 0, meeting_started: FLAGS.meetingStarted, meeting_ended: FLAGS.meetingEnded } as const;

function packMeetingEntry(post: ServicePost, flags: number): PackedMeetingEntry {
  const entry: PackedMeetingEntry = [post.id, -1, post.message, post.createdAt.getTime(), flags];
  const meeting = post.meeting;
  if (meeting) entry.push([meeting.startedAt.getTime(), meeting.endedAt?.getTime() ?? null, meeting.attendees]);
  return entry;
}

function packPost(
  post: ServicePost,
  author: number,
  flags: number,
  mentions: number[],
  reader?: Reader,
  document?: DocumentOnlyData,
): PackedPost {
  const named = reader && post.mentions?.length ? post.mentions : null;
  const context = named
    ? { ...reader!, members: new Map(named.map(({ username, userId }) => [username.toLowerCase(), userId])) }
    : undefined;
  const body = messageTree(post.message, context);
  document?.postBodies.set(post.id, body);
  const packed: PackedPost = [post.id, author, document ? null : body, post.createdAt.getTime(), flags];
  const reactions = post.reactions ?? [];
  if (post.editedAt || reactions.length || mentions.length) packed.push(post.editedAt?.getTime() ?? 0);
  if (reactions.length || mentions.length)
    packed.push(reactions.map(({ emoji, count, mine }): PackedReaction => [emoji, count, mine ? 1 : 0]));
  if (mentions.length) packed.push(mentions);
  return packed;
}

/** Who reads the feed, in which room: their own mentions are marked as theirs. */
export interface Reader {
  roomId: string;
  viewerId: string;
}

/** With `document` (a whole page), the posts' words go there for the server's render, not into the data. */
export function packFeed(
  feed: { posts: ServicePost[]; olderCursor: string | null },
  reader?: Reader,
  document?: DocumentOnlyData,
): PackedFeed {
  const authors = new Map<string, number>();
  const mentioned = new Map<string, number>();
  const packed: PackedFeed = { authors: [], posts: [], olderCursor: feed.olderCursor };
  const mentionIndex = ({ userId, username }: { userId: string; username: string }) => {
    let index = mentioned.get(userId);
    if (index === undefined) {
      index = (packed.mentioned ??= []).push([userId, username]) - 1;
      mentioned.set(userId, index);
    }
    return index;
  };
  for (const post of feed.posts) {
    const flags =
      (post.isDeleted ? FLAGS.deleted : 0) |
      (post.mayDelete ? FLAGS.mayDelete : 0) |
      (post.mayEdit ? FLAGS.mayEdit : 0) |
      KIND_FLAGS[post.kind ?? "post"];
    if (post.creatorId === null) {
      packed.posts.push(packMeetingEntry(post, flags));
      continue;
    }
    let author = authors.get(post.creatorId);
    if (author === undefined) {
      author = packed.authors.push([post.creatorId, post.authorName]) - 1;
      authors.set(post.creatorId, author);
    }
    packed.posts.push(packPost(post, author, flags, (post.mentions ?? []).map(mentionIndex), reader, document));
  }
  return packed;
}

const kindOf = (flags: number): NonNullable<FeedPost["kind"]> =>
  flags & FLAGS.meetingStarted ? "meeting_started" : flags & FLAGS.meetingEnded ? "meeting_ended" : "post";

const isMeetingEntry = (post: PackedPost | PackedMeetingEntry): post is PackedMeetingEntry => post[1] < 0;

export function unpackFeed(packed: PackedFeed): FeedPost[] {
  return packed.posts.map((post) => {
    const [id, author, text, createdAt, flags] = post;
    const body = typeof text === "string" || text === null ? undefined : (text as MessageNode[]);
    const [creatorId, authorName] = author >= 0 ? packed.authors[author]! : [null, ""];
    const meeting = isMeetingEntry(post) ? post[5] : undefined;
    const [editedAt, reactions, mentions] = isMeetingEntry(post) ? [] : [post[5], post[6], post[7]];
    return {
      id,
      kind: kindOf(flags),
      meeting: meeting
        ? {
            startedAt: new Date(meeting[0]).toISOString(),
            endedAt: meeting[1] === null ? null : new Date(meeting[1]).toISOString(),
            attendees: meeting[2],
          }
        : null,
      creatorId,
      authorName,
      message: body ? messageText(body) : ((text as string | null) ?? ""),
      body,
      ...(text === null ? { bodyInDocument: true } : {}),
      isDeleted: (flags & FLAGS.deleted) !== 0,
      createdAt: new Date(createdAt).toISOString(),
      mayDelete: (flags & FLAGS.mayDelete) !== 0,
      mayEdit: (flags & FLAGS.mayEdit) !== 0,
      editedAt: editedAt ? new Date(editedAt).toISOString() : null,
      reactions: (reactions ?? []).map(([emoji, count, mine]) => ({ emoji, count, mine: mine === 1 })),
      mentions: (mentions ?? []).map((index) => {
        const [userId, username] = packed.mentioned![index]!;
        return { userId, username };
      }),
    };
  });
}
