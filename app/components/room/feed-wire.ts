import type { FeedPost } from "./feed";

/**
 * The feed as the room page's loader sends it for hydration. The posts are already in the HTML,
 * so their data goes once more in the smallest sound shape: each author's id and name once, each
 * post as a tuple of what the feed shows.
 */
export interface PackedFeed {
  authors: Array<[id: string, name: string]>;
  /**
   * [id, index in `authors` (-1 for Parley's meeting entries), message, created at (ms since the
   * epoch), flags (FLAGS), and for meeting entries [started at, ended at or null, attendees]]
   */
  posts: Array<[id: string, author: number, message: string, createdAt: number, flags: number, meeting?: PackedMeeting]>;
  olderCursor: string | null;
}

type PackedMeeting = [startedAt: number, endedAt: number | null, attendees: string[]];

const FLAGS = { deleted: 1, mayDelete: 2, meetingStarted: 4, meetingEnded: 8 } as const;

interface ServicePost {
  id: string;
  kind?: "post" | "meeting_started" | "meeting_ended";
  creatorId: string | null;
  authorName: string;
  message: string;
  isDeleted: boolean;
  createdAt: Date;
  mayDelete: boolean;
  meeting?: { startedAt: Date; endedAt: Date | null; attendees: string[] } | null;
}

const KIND_FLAGS = { post: 0, meeting_started: FLAGS.meetingStarted, meeting_ended: FLAGS.meetingEnded } as const;

export function packFeed(feed: { posts: ServicePost[]; olderCursor: string | null }): PackedFeed {
  const authors = new Map<string, number>();
  const packed: PackedFeed = { authors: [], posts: [], olderCursor: feed.olderCursor };
  for (const post of feed.posts) {
    const flags = (post.isDeleted ? FLAGS.deleted : 0) | (post.mayDelete ? FLAGS.mayDelete : 0) | KIND_FLAGS[post.kind ?? "post"];
    if (post.creatorId === null) {
      const meeting = post.meeting;
      const packedMeeting: PackedMeeting | undefined = meeting
        ? [meeting.startedAt.getTime(), meeting.endedAt?.getTime() ?? null, meeting.attendees]
        : undefined;
      packed.posts.push([
        post.id,
        -1,
        post.message,
        post.createdAt.getTime(),
        flags,
        ...(packedMeeting ? [packedMeeting] : []),
      ] as PackedFeed["posts"][number]);
      continue;
    }
    let author = authors.get(post.creatorId);
    if (author === undefined) {
      author = packed.authors.push([post.creatorId, post.authorName]) - 1;
      authors.set(post.creatorId, author);
    }
    packed.posts.push([post.id, author, post.message, post.createdAt.getTime(), flags]);
  }
  return packed;
}

const kindOf = (flags: number): NonNullable<FeedPost["kind"]> =>
  flags & FLAGS.meetingStarted ? "meeting_started" : flags & FLAGS.meetingEnded ? "meeting_ended" : "post";

export function unpackFeed(packed: PackedFeed): FeedPost[] {
  return packed.posts.map(([id, author, message, createdAt, flags, meeting]) => {
    const [creatorId, authorName] = author >= 0 ? packed.authors[author]! : [null, ""];
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
      message,
      isDeleted: (flags & FLAGS.deleted) !== 0,
      createdAt: new Date(createdAt).toISOString(),
      mayDelete: (flags & FLAGS.mayDelete) !== 0,
    };
  });
}
