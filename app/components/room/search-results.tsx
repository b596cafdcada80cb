import { Link } from "@remix-run/react";
import { RelativeTime } from "~/components/ui/relative-time";
import { markWords } from "~/utils/mark-words";
import { renderMessage, type MessageNode } from "~/utils/message-tree";

export interface SearchResult {
  id: string;
  authorName: string;
  body: MessageNode[];
  createdAt: string;
}

/** Where a result sits in the feed: the page ending with it, scrolled to it. */
export const postInFeedHref = (roomId: string, postId: string) => `/room/${roomId}?at=${postId}#post-${postId}`;

function summary(count: number, more: boolean, older: boolean) {
  if (!count) return older ? "No older posts match." : "No posts match.";
  if (more) return `The ${count} newest ${older ? "older " : ""}posts that match:`;
  return count === 1 ? "1 post matches:" : `${count} posts match:`;
}

/** The room page's main area while searching: the matching posts, newest first, the words marked. */
export function SearchResults(props: {
  roomId: string;
  q: string;
  words: string[];
  results: SearchResult[];
  olderHref: string | null;
  /** Whether these follow an earlier page of results. */
  older: boolean;
}) {
  const { roomId, q, words, results, olderHref, older } = props;
  return (
    <section aria-labelledby="search-heading" className="min-h-0 flex-1 overflow-y-auto py-4" data-testid="search-results">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="search-heading" className="text-lg font-semibold">
          Posts matching “{q}”
        </h2>
        <Link to={`/room/${roomId}`} className="text-sm font-medium text-brand-700 underline">
          Clear search
        </Link>
      </div>
      <p className="mt-1 text-sm text-slate-700" role="status">
        {summary(results.length, Boolean(olderHref), older)}
      </p>
      <ol className="mt-4 space-y-3">
        {results.map((result) => (
          <li key={result.id} className="rounded-md border border-slate-200 p-3">
            <p className="text-sm">
              <span className="font-semibold">{result.authorName}</span>{" "}
              <span className="text-xs text-slate-600">
                <RelativeTime date={result.createdAt} />
              </span>
            </p>
            <div className="post-body">{markWords(renderMessage(result.body), words)}</div>
            <Link to={postInFeedHref(roomId, result.id)} className="text-sm font-medium text-brand-700 underline">
              Show in the feed<span className="sr-only">: the post by {result.authorName}</span>
            </Link>
          </li>
        ))}
      </ol>
      {olderHref ? (
        <p className="mt-4">
          <Link to={olderHref} className="text-sm font-medium text-brand-700 underline">
            Older matches
          </Link>
        </p>
      ) : null}
    </section>
  );
}
