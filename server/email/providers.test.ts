import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeEmailApi, type FakeEmailApi } from "../../tests/support/fake-email-api";
import { MailjetProvider } from "./mailjet-provider";
import { PermanentEmailError, type EmailMessage, type EmailProvider } from "./provider";
import { SendGridProvider } from "./sendgrid-provider";

let api: FakeEmailApi;

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
  html: '<p>Open <a href="http://parley.test/auth/reset-password-form?token=abc">the link</a></p>',
};

const INJECTION = "\r\nBcc: x@evil.test";
const injected: EmailMessage = {
  ...message,
  to: { email: "ada@example.test", name: `Ada${INJECTION}` },
  from: { email: "no-reply@parley.test", name: `Parley${INJECTION}` },
  subject: `Hello${INJECTION}`,
};

async function failureOf(provider: EmailProvider, input: EmailMessage = message): Promise<Error> {
  const outcome = await provider.send(input).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error("expected the send to fail");
  return outcome;
}

/** A port where nothing listens, for connection-refused errors. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("SendGridProvider (the real @sendgrid/mail SDK against a local API)", () => {
  const KEY = "SG.test-key";
  const provider = (options: { apiKey?: string; timeoutMs?: number } = {}) =>
    new SendGridProvider({ apiKey: options.apiKey ?? KEY, apiUrl: api.url, timeoutMs: options.timeoutMs });

  it("POSTs v3/mail/send with the Bearer key, from, to, subject and both parts, and returns X-Message-Id", async () => {
    const result = await provider().send(message);

    expect(result).toEqual({ messageId: "sg-1" });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("/v3/mail/send");
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.headers["content-type"]).toMatch(/^application\/json/);
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

  it("two providers in one process keep their own key", async () => {
    const first = provider({ apiKey: "SG.first" });
    const second = provider({ apiKey: "SG.second" });
    await first.send(message);
    await second.send(message);
    await first.send(message);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(["Bearer SG.first", "Bearer SG.second", "Bearer SG.first"]);
  });

  it("a 500 is a retryable Error that never carries the key", async () => {
    api.failNext(1, 500, { errors: [{ message: `echoing ${KEY}` }] });
    const error = await failureOf(provider());
    expect(error).not.toBeInstanceOf(PermanentEmailError);
    expect(error.message).toMatch(/SendGrid answered 500/);
    expect(error.message).not.toContain(KEY);
  });

  it("a 429 is retryable; a 400 is a PermanentEmailError with its status", async () => {
    api.failNext(1, 429);
    expect(await failureOf(provider())).not.toBeInstanceOf(PermanentEmailError);

    api.failNext(1, 400, { errors: [{ message: "The from address does not match a verified Sender Identity." }] });
    const error = await failureOf(provider());
    expect(error).toBeInstanceOf(PermanentEmailError);
    expect((error as PermanentEmailError).status).toBe(400);
    expect(error.message).toContain("verified Sender Identity");
  });

  it("a request with no answer times out as a retryable Error", async () => {
    api.hangNext(1);
    const error = await failureOf(provider({ timeoutMs: 300 }));
    expect(error).not.toBeInstanceOf(PermanentEmailError);
    expect(error.message).toMatch(/SendGrid request failed: .*timeout/);
  });

  it("a refused connection is a retryable Error", async () => {
    const unreachable = new SendGridProvider({ apiKey: KEY, apiUrl: `http://127.0.0.1:${await closedPort()}` });
    const error = await failureOf(unreachable);
    expect(error).not.toBeInstanceOf(PermanentEmailError);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain(KEY);
  });

  it("CR/LF in names and the subject adds no header and no recipient", async () => {
    await provider().send(injected);

    const [request] = api.requests;
    const body = request!.body as Record<string, unknown> & {
      personalizations: Array<Record<string, unknown>>;
      from: { name: string };
      subject: string;
    };
    expect(body.personalizations).toHaveLength(1);
    expect(body.personalizations[0]).toEqual({ to: [{ email: "ada@example.test", name: "Ada Bcc: x@evil.test" }] });
    expect(body.from).toEqual({ email: "no-reply@parley.test", name: "Parley Bcc: x@evil.test" });
    expect(body.subject).toBe("Hello Bcc: x@evil.test");
    expect(body).not.toHaveProperty("headers");
    expect(JSON.stringify(body)).not.toMatch(/\\r|\\n/);
    expect(Object.keys(request!.headers)).not.toContain("bcc");
  });
});

describe("MailjetProvider (the real node-mailjet SDK against a local API)", () => {
  const KEY = "mj-key";
  const SECRET = "mj-secret";
  const BASIC = Buffer.from(`${KEY}:${SECRET}`).toString("base64");
  const provider = (options: { timeoutMs?: number } = {}) =>
    new MailjetProvider({ apiKey: KEY, secretKey: SECRET, httpProxy: api.url, timeoutMs: options.timeoutMs });

  function expectNoCredentials(error: Error) {
    for (const secret of [KEY, SECRET, BASIC]) expect(error.message).not.toContain(secret);
  }

  it("POSTs v3.1/send with Basic auth, from, to, subject and both parts, and returns the MessageUUID", async () => {
    const result = await provider().send(message);

    expect(result).toEqual({ messageId: "mj-uuid-1" });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request!.method).toBe("POST");
    // Through the proxy option the SDK's https URL arrives whole.
    expect(request!.url).toBe("https://api.mailjet.com/v3.1/send");
    expect(request!.headers.authorization).toBe(`Basic ${BASIC}`);
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

  it("apiHost changes the host the SDK addresses", async () => {
    await new MailjetProvider({ apiKey: KEY, secretKey: SECRET, apiHost: "mailjet.internal.test", httpProxy: api.url }).send(message);
    expect(api.requests[0]!.url).toBe("https://mailjet.internal.test/v3.1/send");
  });

  it("a 500 is a retryable Error that never carries the key or secret", async () => {
    api.failNext(1, 500, { ErrorMessage: `echoing ${KEY} ${SECRET} ${BASIC}` });
    const error = await failureOf(provider());
    expect(error).not.toBeInstanceOf(PermanentEmailError);
    expect(error.message).toMatch(/Mailjet answered 500/);
    expectNoCredentials(error);
  });

  it("a 429 is retryable; a 400 and a 401 are PermanentEmailErrors with their status", async () => {
    api.failNext(1, 429);
    expect(await failureOf(provider())).not.toBeInstanceOf(PermanentEmailError);

    api.failNext(1, 400, { Messages: [{ Status: "error", Errors: [{ ErrorMessage: 'Type mismatch. Expected type "email".' }] }] });
    const badRequest = await failureOf(provider());
    expect(badRequest).toBeInstanceOf(PermanentEmailError);
    expect((badRequest as PermanentEmailError).status).toBe(400);
    expect(badRequest.message).toContain("Type mismatch");

    api.failNext(1, 401);
    const unauthorized = await failureOf(provider());
    expect(unauthorized).toBeInstanceOf(PermanentEmailError);
    expect((unauthorized as PermanentEmailError).status).toBe(401);
    expectNoCredentials(unauthorized);
  });

  it('a 200 whose message has Status "error" is a PermanentEmailError', async () => {
    api.failNext(1, 200, { Messages: [{ Status: "error", Errors: [{ ErrorMessage: "Sender not validated" }] }] });
    const error = await failureOf(provider());
    expect(error).toBeInstanceOf(PermanentEmailError);
    expect(error.message).toContain("Sender not validated");
  });

  it("a request with no answer times out as a retryable Error", async () => {
    api.hangNext(1);
    const error = await failureOf(provider({ timeoutMs: 300 }));
    expect(error).not.toBeInstanceOf(PermanentEmailError);
    expect(error.message).toMatch(/Mailjet request failed: .*timeout/);
    expectNoCredentials(error);
  });

  it("CR/LF in names and the subject adds no header and no recipient", async () => {
    await provider().send(injected);

    const [request] = api.requests;
    const body = request!.body as { Messages: Array<Record<string, unknown>> };
    expect(body.Messages).toHaveLength(1);
    expect(body.Messages[0]).toEqual({
      From: { Email: "no-reply@parley.test", Name: "Parley Bcc: x@evil.test" },
      To: [{ Email: "ada@example.test", Name: "Ada Bcc: x@evil.test" }],
      Subject: "Hello Bcc: x@evil.test",
      TextPart: message.text,
      HTMLPart: message.html,
    });
    expect(JSON.stringify(body)).not.toMatch(/\\r|\\n/);
    expect(Object.keys(request!.headers)).not.toContain("bcc");
  });
});
