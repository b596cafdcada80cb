import { describe, expect, it } from "vitest";
import { passwordChangedEmail } from "./password-changed";
import { passwordResetEmail } from "./password-reset";

const payloads = [`"><img src=x onerror=alert(1)>`, `</script><script>alert(1)</script>`, "Ada\r\nBcc: x@evil.test"];

describe("email templates", () => {
  for (const name of payloads) {
    it(`escape the name ${JSON.stringify(name)} and keep the subject on one line`, () => {
      for (const email of [
        passwordResetEmail({ appUrl: "https://parley.example", name, resetUrl: "https://parley.example/auth/reset-password-form?token=abc", expiresInMinutes: 60 }),
        passwordChangedEmail({ appUrl: "https://parley.example", name, resetRequestUrl: "https://parley.example/auth/reset-password", changedAt: new Date("2026-01-01T10:00:00Z") }),
      ]) {
        expect(email.html).not.toContain("<img");
        expect(email.html).not.toContain("<script");
        expect(email.html).not.toMatch(/Ada\r?\nBcc/);
        expect(email.subject).not.toMatch(/[\r\n]/);
        expect(email.text).not.toMatch(/Ada\r?\nBcc/);
      }
    });
  }

  it("put the absolute link in both parts", () => {
    const url = "https://parley.example/auth/reset-password-form?token=abc_DEF-123";
    const email = passwordResetEmail({ appUrl: "https://parley.example", name: "Ada", resetUrl: url, expiresInMinutes: 60 });
    expect(email.text).toContain(url);
    expect(email.html).toContain(`href="${url}"`);
    expect(email.text).toContain("60 minutes");
  });
});
