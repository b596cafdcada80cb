const DUMMY_ORIGIN = "http://parley.invalid";
/** Control characters (browsers strip tabs and newlines from URLs, so `/\t/evil` is `//evil`) and backslashes (read as `/`). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;

/** A path that a browser would read as another host: `//evil`, `/\evil`, once decoded too. */
function leavesTheSite(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  return pathname.startsWith("//") || decoded.startsWith("//") || UNSAFE_CHARACTER.test(decoded);
}

/**
 * Only same-site paths are followed: `/home` yes; `https://evil.test`, `//evil.test`,
 * `/\evil.test`, `/.//evil.test`, `/%2F%2Fevil.test` and `javascript:` never. The target is judged
 * as a browser would read it: parsed against an origin (which resolves `.` and `..`), then the
 * resulting path, raw and decoded; what is returned is that normalised path.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || UNSAFE_CHARACTER.test(to) || leavesTheSite(to.split(/[?#]/)[0]!)) return fallback;
  try {
    const url = new URL(to, DUMMY_ORIGIN);
    if (url.origin !== DUMMY_ORIGIN || leavesTheSite(url.pathname)) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
