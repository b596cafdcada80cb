import { MailService } from "@sendgrid/mail";
import { singleLine } from "./escape-html";
import { PermanentEmailError, type EmailMessage, type EmailProvider } from "./provider";

// The package exports only a shared singleton client; its class gives this provider its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SendGridClient = require("@sendgrid/client/src/classes/client") as new () => {
  setApiKey(key: string): void;
  setDefaultRequest(key: string, value: unknown): void;
};

/** SendGrid's v3 mail/send through the official SDK. */
export class SendGridProvider implements EmailProvider {
  readonly name = "sendgrid" as const;
  private readonly mail: MailService;

  constructor(options: { apiKey: string; apiUrl?: string }) {
    const client = new SendGridClient();
    client.setApiKey(options.apiKey);
    if (options.apiUrl) client.setDefaultRequest("baseUrl", options.apiUrl);
    client.setDefaultRequest("timeout", 10_000);
    this.mail = new MailService();
    this.mail.setClient(client as never);
  }

  async send(message: EmailMessage) {
    try {
      const [response] = await this.mail.send({
        to: { email: message.to.email, ...(message.to.name ? { name: singleLine(message.to.name) } : {}) },
        from: { email: message.from.email, name: singleLine(message.from.name) },
        subject: singleLine(message.subject),
        text: message.text,
        html: message.html,
      });
      const id = response.headers["x-message-id"];
      return { messageId: typeof id === "string" ? id : undefined };
    } catch (error) {
      const status = (error as { code?: number }).code;
      const reason = `SendGrid ${typeof status === "number" ? `answered ${status}` : `request failed: ${(error as Error).message}`}`;
      if (typeof status === "number" && status >= 400 && status < 500 && status !== 429) {
        throw new PermanentEmailError(reason, status);
      }
      throw new Error(reason);
    }
  }
}
