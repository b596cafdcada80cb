const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

// Making an Intl formatter is costly (locale data lookup); one serves every call.
const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function relativeTime(date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** A <time> with the relative time as text and the exact time (UTC) on hover and for machines. */
export function RelativeTime({ date }: { date: string | Date }) {
  const value = new Date(date);
  const exact = `${value.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time dateTime={value.toISOString()} title={exact} suppressHydrationWarning>
      {relativeTime(value)}
    </time>
  );
}
