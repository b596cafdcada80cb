import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeEmailApi } from "../../tests/support/fake-email-api";
import { MailjetProvider } from "./mailjet-provider";
import { PermanentEmailError, type EmailMessage } from "./provider";
import { SendGridProvider } from "./sendgrid-provider";

let api: Awaited<ReturnType<typeof startFakeEmailApi>>;

beforeAll(async () => {
  api = await startFakeEmailApi();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => api.reset());

const message: EmailMessage = {
  to: { email: "ada@example.test", name: "Ada Lovelace" },
  from: { email: "no-reply@parley.test", name: "Parley" },
  subject: "Reset your Parley password",
  text: "Open http://parley.test/auth/reset-password-form?token=abc",
  html: "<p>Open <a href=\"http://parley.test/auth/reset-password-form?token=abc\">the link</a></p>",
};

const injected: EmailMessage = {
  ...message,
  to: { email: "ada@example.test", name: "Ada\r\nBcc: x@evil.test" },
  subject: "Hello\r\nBcc: x@evil.test",
};

describe("SendGridProvider (the real @sendgrid/mail SDK against a local API)", () => {
  const provider = () => new SendGridProvider({ apiKey: "SG.test-key", apiUrl: api.url });

  it("sends v3 mail/send with the key, from, to, subject and both parts", async () => {
    const result = await provider().send(message);
    expect(result.messageId).toBe("sg-1");
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("/v3/mail/send");
    expect(request!.headers.authorization).toBe("Bearer SG.test-key");
    expect(request!.body).toMatchObject({
      from: { email: "no-reply@parley.test", name: "Parley" },
      subject: "Reset your Parley password",
      personalizations: [{ to: [{ email: "ada@example.test", name: "Ada Lovelace" }] }],
      content: [
        { type: "text/plain", value: message.text },
        { type: "text/html", value: message.html },
      ],
    });
  });

  it("a 5xx is retryable and never carries the key", async () => {
    api.failNext(1, 500);
    const error = await provider().send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentEmailError);
    expect(String((error as Error).message)).not.toContain("SG.test-key");
  });

  it("a 429 is retryable; a 400 is permanent", async () => {
    api.failNext(1, 429);
    expect(await provider().send(message).catch((e: unknown) => e)).not.toBeInstanceOf(PermanentEmailError);
    api.failNext(1, 400);
    expect(await provider().send(message).catch((e: unknown) => e)).toBeInstanceOf(PermanentEmailError);
  });

  it("a name or subject with CR/LF adds no header and no recipient", async () => {
    await provider().send(injected);
    const body = api.requests[0]!.body as { personalizations: Array<{ to: unknown[]; bcc?: unknown }>; subject: string };
    expect(body.personalizations).toHaveLength(1);
    expect(body.personalizations[0]!.to).toEqual([{ email: "ada@example.test", name: "Ada Bcc: x@evil.test" }]);
    expect(body.personalizations[0]!.bcc).toBeUndefined();
    expect(body.subject).not.toMatch(/[\r\n]/);
    expect(JSON.stringify(body.personalizations)).not.toMatch(/\\r|\\n/);
  });
});

describe("MailjetProvider (the real node-mailjet SDK against a local API)", () => {
  const provider = () => new MailjetProvider({ apiKey: "mj-key", secretKey: "mj-secret", httpProxy: api.url });

  it("sends v3.1 send with Basic auth, from, to, subject and both parts", async () => {
    const result = await provider().send(message);
    expect(result.messageId).toBe("mj-uuid-1");
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("https://api.mailjet.com/v3.1/send");
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from("mj-key:mj-secret").toString("base64")}`);
    expect(request!.body).toEqual({
      Messages: [
        {
          From: { Email: "no-reply@parley.test", Name: "Parley" },
          To: [{ Email: "ada@example.test", Name: "Ada Lovelace" }],
          Subject: "Reset your Parley password",
          TextPart: message.text,
          HTMLPart: message.html,
        },
      ],
    });
  });

  it("a 5xx is retryable and never carries the secret", async () => {
    api.failNext(1, 503);
    const error = await provider().send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentEmailError);
    expect(String((error as Error).message)).not.toContain("mj-secret");
  });

  it("a 401 is permanent", async () => {
    api.failNext(1, 401);
    expect(await provider().send(message).catch((e: unknown) => e)).toBeInstanceOf(PermanentEmailError);
  });

  it("a name or subject with CR/LF adds no header and no recipient", async () => {
    await provider().send(injected);
    const body = api.requests[0]!.body as { Messages: Array<{ To: unknown[]; Bcc?: unknown; Subject: string }> };
    expect(body.Messages).toHaveLength(1);
    expect(body.Messages[0]!.To).toEqual([{ Email: "ada@example.test", Name: "Ada Bcc: x@evil.test" }]);
    expect(body.Messages[0]!.Bcc).toBeUndefined();
    expect(body.Messages[0]!.Subject).toBe("Hello Bcc: x@evil.test");
  });
});
