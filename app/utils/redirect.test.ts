import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

/** Where a browser goes when it gets `Location: <value>` from a page on this origin. */
const APP = "http://parley.test:3000";
const landing = (location: string) => new URL(location, APP);

describe("safeRedirect never leaves the site, however the target is spelled", () => {
  it.each([
    ["an absolute URL", "https://evil.example/"],
    ["a scheme-relative URL", "//evil.example"],
    ["a bare double slash", "//"],
    ["a slash and a backslash", "/\\evil.example"],
    ["a backslash only", "\\evil.example"],
    ["a dot segment before a double slash", "/.//evil.example"],
    ["a dot-dot segment before a double slash", "/..//evil.example"],
    ["dot segments deeper in", "/home/../..//evil.example"],
    ["an encoded double slash", "%2F%2Fevil.example"],
    ["an encoded backslash", "%5Cevil.example"],
    ["an encoded double slash after a slash", "/%2F%2Fevil.example"],
    ["encoded backslashes after a slash", "/%5C%5Cevil.example"],
    ["an encoded dot segment", "/%2e//evil.example"],
    ["a tab inside", "/\t/evil.example"],
    ["a newline inside", "/\n/evil.example"],
    ["a carriage return inside", "/\r/evil.example"],
    ["an encoded tab inside", "/%09/evil.example"],
    ["a NUL", "/home\u0000"],
    ["DEL", "/\u007f/evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["JavaScript: with a slash", "/javascript:alert(1)//"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["a malformed escape", "/%E0%A4%A"],
    ["an empty string", ""],
    ["nothing", null],
  ])("%s (%j) falls back", (_name, target) => {
    const result = safeRedirect(target);
    expect(landing(result).origin).toBe(APP);
    if (target !== "/javascript:alert(1)//") expect(result).toBe("/home");
  });

  it.each([
    ["/home", "/home"],
    ["/room/7f1c?members=open#feed", "/room/7f1c?members=open#feed"],
    ["/room/7f1c/join?token=abc%2Fdef", "/room/7f1c/join?token=abc%2Fdef"],
    ["/auth/signin?redirectTo=%2Finvites", "/auth/signin?redirectTo=%2Finvites"],
    ["/home/./rooms", "/home/rooms"],
  ])("a same-site path %j is kept (normalised: %j)", (target, expected) => {
    expect(safeRedirect(target)).toBe(expected);
  });

  it("every result, decoded, still starts with a single slash", () => {
    for (const target of ["/.//x", "/%2F/x", "/%5C/x", "/./%2F/x", "//x", "/x"]) {
      const path = decodeURIComponent(landing(safeRedirect(target)).pathname);
      expect(path.startsWith("//") || path.startsWith("/\\")).toBe(false);
    }
  });

  it("uses the fallback given", () => {
    expect(safeRedirect("//evil.example", "/auth/signin")).toBe("/auth/signin");
  });
});
