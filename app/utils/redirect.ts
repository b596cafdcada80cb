/**
 * Only same-site paths are followed: `/home` yes; `https://evil.test`, `//evil.test`,
 * `/\evil.test` and `javascript:` never.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\") || /[\u0000-\u001f]/.test(to)) return fallback;
  try {
    const url = new URL(to, "http://parley.invalid");
    if (url.origin !== "http://parley.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
