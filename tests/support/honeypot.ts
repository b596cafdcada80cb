/**
 * The honeypot fields (remix-utils) as a rendered /auth page carries them: `name__confirm` left
 * empty, as a person leaves it, and `from__confirm` with the encrypted timestamp the page was given.
 * Empty when the page has none.
 */
export function honeypotFieldsIn(html: string): { name__confirm: string; from__confirm: string } {
  return { name__confirm: "", from__confirm: /name="from__confirm"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? "" };
}
