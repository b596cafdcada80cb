/** The service counts up to 100 per room; past 99 a count reads "99+". */
export const shownCount = (count: number) => (count > 99 ? "99+" : String(count));

/** "3 unread" and, apart, "1 mention": each says what it counts in words, for sight and screen readers alike. */
export function UnreadCounts({ unread, mentions }: { unread: number; mentions: number }) {
  if (!unread && !mentions) return null;
  return (
    <span className="ml-2 inline-flex gap-1 align-middle text-xs font-semibold" data-testid="unread-counts">
      {unread ? <span className="rounded-full bg-brand-600 px-2 py-0.5 text-white">{`${shownCount(unread)} unread`}</span> : null}
      {mentions ? (
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">
          {`${shownCount(mentions)} ${mentions === 1 ? "mention" : "mentions"}`}
        </span>
      ) : null}
    </span>
  );
}
