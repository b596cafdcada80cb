import Mailjet from "node-mailjet";
import { singleLine } from "./escape-html";
import { PermanentEmailError, type EmailMessage, type EmailProvider } from "./provider";

/** Mailjet's Send API v3.1 through the official SDK. */
export class MailjetProvider implements EmailProvider {
  readonly name = "mailjet" as const;
  private readonly client: Mailjet;

  constructor(options: { apiKey: string; secretKey: string; apiHost?: string; httpProxy?: string }) {
    const proxy = options.httpProxy ? new URL(options.httpProxy) : undefined;
    this.client = new Mailjet({
      apiKey: options.apiKey,
      apiSecret: options.secretKey,
      config: options.apiHost ? { host: options.apiHost } : undefined,
      options: {
        timeout: 10_000,
        // The SDK always speaks https to its host; a proxy is how it reaches anything else.
        proxy: proxy
          ? { protocol: proxy.protocol.replace(":", ""), host: proxy.hostname, port: Number(proxy.port || 80) }
          : undefined,
      },
    });
  }

  async send(message: EmailMessage) {
    let response;
    try {
      response = await this.client.post("send", { version: "v3.1" }).request({
        Messages: [
          {
            From: { Email: message.from.email, Name: singleLine(message.from.name) },
            To: [{ Email: message.to.email, ...(message.to.name ? { Name: singleLine(message.to.name) } : {}) }],
            Subject: singleLine(message.subject),
            TextPart: message.text,
            HTMLPart: message.html,
          },
        ],
      });
    } catch (error) {
      const status = (error as { statusCode?: number; response?: { status?: number } }).statusCode ??
        (error as { response?: { status?: number } }).response?.status;
      const reason = `Mailjet ${status ? `answered ${status}` : `request failed: ${(error as Error).message}`}`;
      if (status && status >= 400 && status < 500 && status !== 429) throw new PermanentEmailError(reason, status);
      throw new Error(reason);
    }
    const result = (response.body as { Messages?: Array<{ Status?: string; To?: Array<{ MessageUUID?: string; MessageID?: number }>; Errors?: Array<{ ErrorMessage?: string }> }> })
      .Messages?.[0];
    if (result?.Status !== "success") {
      throw new PermanentEmailError(`Mailjet refused the message: ${result?.Errors?.[0]?.ErrorMessage ?? "unknown reason"}`);
    }
    const to = result.To?.[0];
    return { messageId: to?.MessageUUID ?? (to?.MessageID !== undefined ? String(to.MessageID) : undefined) };
  }
}
