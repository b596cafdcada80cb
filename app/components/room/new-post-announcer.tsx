import { useEffect, useRef, useState } from "react";
import type { FeedPost } from "./feed";

/** How much of a new post is read out: enough to know what it is about. */
const FIRST_WORDS = 12;

/** What is said of new posts from others; a latest post that names the reader says so first. */
export function announcementFor(posts: Pick<FeedPost, "authorName" | "message" | "mentions">[], selfId?: string): string {
  const latest = posts[posts.length - 1];
  if (!latest) return "";
  const words = latest.message.trim().split(/\s+/);
  const opening = words.slice(0, FIRST_WORDS).join(" ") + (words.length > FIRST_WORDS ? "…" : "");
  const namesYou = selfId !== undefined && Boolean(latest.mentions?.some((mention) => mention.userId === selfId));
  const count = `${posts.length} new posts`;
  const lead = namesYou
    ? `${posts.length === 1 ? "" : `${count}; in the latest, `}${latest.authorName} mentioned you`
    : posts.length === 1
      ? `New post from ${latest.authorName}`
      : `${count}, the latest from ${latest.authorName}`;
  return `${lead}: ${opening}`;
}

/**
 * Says politely, once, that others posted (author and first words), so a screen reader does not
 * read the whole feed again each time it refreshes (WCAG 4.1.3). The posts on the first render
 * and one's own are never announced.
 */
export function NewPostAnnouncer({ posts, selfId }: { posts: FeedPost[]; selfId: string }) {
  const seen = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState("");

  useEffect(() => {
    if (!seen.current) {
      seen.current = new Set(posts.map((post) => post.id));
      return;
    }
    const known = seen.current;
    const fresh = posts.filter((post) => !known.has(post.id) && !post.pending);
    for (const post of fresh) known.add(post.id);
    // Parley's meeting entries (no author) are not posts from others.
    const fromOthers = fresh.filter((post) => post.creatorId !== null && post.creatorId !== selfId && !post.isDeleted);
    if (fromOthers.length) setMessage(announcementFor(fromOthers, selfId));
  }, [posts, selfId]);

  return (
    // A live region without role="status", so it is not mistaken for the page notices (which are).
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="new-post-announcer">
      {message}
    </div>
  );
}
