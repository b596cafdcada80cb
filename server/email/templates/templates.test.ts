import { describe, expect, it } from "vitest";
import { emailChangedEmail } from "./email-changed";
import { emailVerificationEmail } from "./email-verification";
import { passwordChangedEmail } from "./password-changed";
import { passwordResetEmail } from "./password-reset";
import { mentionEmail } from "./mention";
import { roomInviteEmail } from "./room-invite";

const APP_URL = "https://parley.example";
const RESET_URL = "https://parley.example/auth/reset-password-form?token=abc_DEF-123";
const RESET_REQUEST_URL = "https://parley.example/auth/reset-password";

const resetEmail = (name: string, resetUrl = RESET_URL) => passwordResetEmail({ appUrl: APP_URL, name, resetUrl, expiresInMinutes: 60 });
const changedEmail = (name: string, resetRequestUrl = RESET_REQUEST_URL) =>
  passwordChangedEmail({ appUrl: APP_URL, name, resetRequestUrl, changedAt: new Date("2026-01-01T10:05:00Z") });

const VERIFY_URL = "https://parley.example/auth/verify-email?token=abc_DEF-123";
const verifyEmail = (name: string, purpose: "verify" | "change" = "verify", email = "ada@example.test") =>
  emailVerificationEmail({ appUrl: APP_URL, name, email, purpose, verifyUrl: VERIFY_URL, expiresInHours: 24 });
const addressChangedEmail = (name: string, newEmail = "new@example.test") => emailChangedEmail({ appUrl: APP_URL, name, newEmail });
const POST_URL = "https://parley.example/room/r1#post-p1";
// The name is the author's, the room's, the recipient's and the post's text at once.
const mentionedEmail = (name: string) =>
  mentionEmail({ appUrl: APP_URL, recipientName: name, authorName: name, roomName: name, message: name, postUrl: POST_URL });

const payloads = [`"><img src=x onerror=alert(1)>`, `</script><script>alert(1)</script>`, "Ada\r\nBcc: x@evil.test"];

describe("email templates", () => {
  for (const name of payloads) {
    it(`escape the name ${JSON.stringify(name)} and keep the subject on one line`, () => {
      for (const email of [
        resetEmail(name),
        changedEmail(name),
        verifyEmail(name),
        verifyEmail(name, "change"),
        addressChangedEmail(name),
        mentionedEmail(name),
      ]) {
        expect(email.html).not.toContain("<img");
        expect(email.html).not.toMatch(/<script/i);
        expect(email.html).not.toMatch(/Ada\r?\nBcc/);
        expect(email.subject).not.toMatch(/[\r\n]/);
        expect(email.text).not.toMatch(/Ada\r?\nBcc/);
      }
    });
  }

  it("show an escaped name as text", () => {
    expect(resetEmail(`"><img src=x onerror=alert(1)>`).html).toContain("Hello &quot;&gt;&lt;img src=x onerror=alert(1)&gt;,");
  });

  it("password reset: subject, the absolute link in both parts, single use, 60 minutes, ignore if not you", () => {
    const email = resetEmail("Ada");
    expect(email.subject).toBe("Reset your Parley password");
    expect(email.text).toContain(RESET_URL);
    expect(email.html).toContain(`href="${RESET_URL}"`);
    expect(email.text).toMatch(/works once/);
    expect(email.text).toContain("60 minutes");
    expect(email.text).toMatch(/did not ask for this, ignore/);
  });

  it("password changed: subject, when in UTC, and the absolute reset link in both parts", () => {
    const email = changedEmail("Ada");
    expect(email.subject).toBe("Your Parley password was changed");
    expect(email.text).toContain("2026-01-01 at 10:05 UTC");
    expect(email.text).toContain(RESET_REQUEST_URL);
    expect(email.html).toContain(`href="${RESET_REQUEST_URL}"`);
  });

  it("email verification and change: the link in both parts, 24 hours, the address; the notice names the new address, escaped", () => {
    const verify = verifyEmail("Ada");
    expect(verify.subject).toBe("Confirm your Parley email address");
    expect(verify.text).toContain(VERIFY_URL);
    expect(verify.html).toContain(`href="${VERIFY_URL}"`);
    expect(verify.text).toContain("24 hours");
    expect(verify.text).toContain("ada@example.test");
    expect(verifyEmail("Ada", "change").subject).toBe("Confirm your new Parley email address");
    const notice = addressChangedEmail("Ada", `"><img src=x>@evil.test`);
    expect(notice.text).toContain(`changed to "><img src=x>@evil.test`);
    expect(notice.html).not.toContain("<img");
  });

  it("mention: who, where, the post's words as text and the link to the post in both parts", () => {
    const email = mentionEmail({
      appUrl: APP_URL,
      recipientName: "Bob",
      authorName: "Ada",
      roomName: "Launch planning",
      message: "@bob look\n\nat **this**",
      postUrl: POST_URL,
    });
    expect(email.subject).toBe("Ada mentioned you in Launch planning");
    expect(email.text.replace(/\u2060/g, "")).toContain("> @bob look\n>\n> at **this**");
    expect(email.text).toContain(`See the post: ${POST_URL}`);
    expect(email.html).toContain(`href="${POST_URL}"`);
    expect(email.text).toMatch(/Email me when someone mentions me/);
  });

  it("mention: a long post is quoted in part", () => {
    const email = mentionEmail({
      appUrl: APP_URL,
      recipientName: "B",
      authorName: "A",
      roomName: "R",
      message: "x".repeat(5000),
      postUrl: POST_URL,
    });
    expect(email.text).toContain(`${"x".repeat(1000)}…`);
    expect(email.text).not.toContain("x".repeat(1001));
  });

  it("are an English HTML document with the product name and the copyable link", () => {
    const { html } = resetEmail("Ada");
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(html).toContain(">Parley</a>");
    expect(html).toContain(`<span style="word-break:break-all">${RESET_URL.replace(/&/g, "&amp;")}</span>`);
  });

  it("refuse a link that is not http(s)", () => {
    expect(() => resetEmail("Ada", "javascript:alert(1)")).toThrow(/http\(s\)/);
    expect(() => changedEmail("Ada", "/auth/reset-password")).toThrow(/http\(s\)/);
  });
});

/**
 * Names are plain text, never links: mail clients turn text that looks like a web
 * address into a link, even in the HTML part. A word joiner (U+2060) before each `.`, `:`, `/`
 * and `@` of a name breaks the pattern (Unicode format characters cannot be part of a URL), and
 * in HTML each such mark is also a `<span>` of its own; see server/email/templates/plain-text.ts.
 */
describe("names in emails are plain text, never links", () => {
  const hostile = ["evil.example/login", "https://evil.example", "support@evil.example"];
  const inviteEmail = (name: string) =>
    roomInviteEmail({
      appUrl: APP_URL,
      inviteeName: name,
      inviterName: name,
      roomName: name,
      joinUrl: `${APP_URL}/room/r1/join?token=abc`,
      expiresInDays: 7,
    });
  const rendered = (name: string) =>
    [
      ["invite", inviteEmail(name)],
      ["reset", resetEmail(name)],
      ["password changed", changedEmail(name)],
      ["verification", verifyEmail(name)],
      ["address change", verifyEmail(name, "change")],
      ["address changed", addressChangedEmail(name)],
      ["mention", mentionedEmail(name)],
    ] as const;
  const hrefs = (html: string) => [...html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);

  for (const name of hostile) {
    it(`${JSON.stringify(name)}: no link but the app's own, and no contiguous address in the subject, text or HTML`, () => {
      for (const [kind, email] of rendered(name)) {
        expect(
          hrefs(email.html).every((href) => href.startsWith(APP_URL)),
          kind,
        ).toBe(true);
        expect(email.html, kind).not.toMatch(/<a\b[^>]*>[^<]*evil/);
        for (const part of [email.subject, email.text, email.html]) {
          expect(part, kind).not.toContain("evil.example");
          expect(part, kind).not.toContain("evil&#46;example");
          expect(part, kind).not.toMatch(/https?:\/\/evil/);
        }
      }
    });
  }

  it("the name still reads the same once the invisible marks are removed, and its marks are spans in HTML", () => {
    const email = inviteEmail("evil.example/login");
    const visible = (text: string) => text.replace(/\u2060/g, "");
    expect(visible(email.text)).toContain("“evil.example/login”");
    expect(visible(email.subject)).toBe("evil.example/login invited you to “evil.example/login” on Parley");
    expect(email.html).toContain("evil<span>&#8288;.</span>example<span>&#8288;/</span>login");
  });
});
