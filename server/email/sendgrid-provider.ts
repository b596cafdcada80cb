import { Client } from "@sendgrid/client";
import { MailService } from "@sendgrid/mail";
import { singleLine } from "./escape-html";
import { PermanentEmailError, type EmailMessage, type EmailProvider, type SendResult } from "./provider";

const DEFAULT_TIMEOUT_MS = 10_000;

/** SendGrid's v3 mail/send through the official SDK. */
export class SendGridProvider implements EmailProvider {
  readonly name = "sendgrid" as const;
  private readonly mail: MailService;
  private readonly apiKey: string;

  /** `timeoutMs` exists for tests; production keeps the 10 s default. */
  constructor(options: { apiKey: string; apiUrl?: string; timeoutMs?: number }) {
    this.apiKey = options.apiKey;
    // A Client of its own, never the package's shared singleton, so providers do not share a key or URL.
    const client = new Client();
    client.setApiKey(options.apiKey);
    // After setApiKey: it resets baseUrl to the region's host.
    if (options.apiUrl) client.setDefaultRequest("baseUrl", options.apiUrl);
    this.mail = new MailService();
    this.mail.setClient(client);
    this.mail.setTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  async send(message: EmailMessage): Promise<SendResult> {
    const toName = message.to.name ? singleLine(message.to.name) : "";
    try {
      const [response] = await this.mail.send({
        to: toName ? { email: message.to.email, name: toName } : { email: message.to.email },
        from: { email: message.from.email, name: singleLine(message.from.name) },
        subject: singleLine(message.subject),
        text: message.text,
        html: message.html,
      });
      const id = response.headers["x-message-id"];
      return { messageId: typeof id === "string" && id ? id : undefined };
    } catch (error) {
      const status = sendGridStatus(error);
      const reason = redact(describeFailure(status, error), this.apiKey);
      if (status !== undefined && status >= 400 && status < 500 && status !== 429) throw new PermanentEmailError(reason, status);
      throw new Error(reason);
    }
  }
}

/** The SDK rejects with a ResponseError whose `code` is the HTTP status; network errors carry a string code. */
function sendGridStatus(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

/** What went wrong, for logs and the outbox: the status and SendGrid's first error text, or the network error. */
function describeFailure(status: number | undefined, error: unknown): string {
  if (status === undefined) return `SendGrid request failed: ${singleLine(String((error as Error | null)?.message ?? error))}`;
  const body = (error as { response?: { body?: { errors?: Array<{ message?: unknown }> } } }).response?.body;
  const detail = body?.errors?.[0]?.message;
  return `SendGrid answered ${status}${typeof detail === "string" ? `: ${singleLine(detail).slice(0, 200)}` : ""}`;
}

/** The key never reaches a log, whatever an error message happens to echo. */
function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join("[redacted]") : text;
}
