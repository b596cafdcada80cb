/** Every spelling of "go to another site" that a `redirectTo` has been seen (or feared) to carry. */
export const OFFSITE_REDIRECTS = [
  "https://evil.example/",
  "//evil.example",
  "//",
  "/\\evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/home/../..//evil.example",
  "%2F%2Fevil.example",
  "%5Cevil.example",
  "/%2F%2Fevil.example",
  "/%5C%5Cevil.example",
  "/%2e//evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\u0000/evil.example",
  "javascript:alert(1)",
] as const;
