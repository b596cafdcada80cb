import { Client } from "node-mailjet";
import { singleLine } from "./escape-html";
import { PermanentEmailError, type EmailMessage, type EmailProvider, type SendResult } from "./provider";

const DEFAULT_TIMEOUT_MS = 10_000;

interface SendApiResult {
  Messages?: Array<{
    Status?: string;
    To?: Array<{ MessageUUID?: string; MessageID?: unknown }>;
    Errors?: Array<{ ErrorMessage?: unknown }>;
  }>;
}

/** Mailjet's Send API v3.1 through the official SDK. */
export class MailjetProvider implements EmailProvider {
  readonly name = "mailjet" as const;
  private readonly client: Client;
  private readonly secrets: string[];

  /** `timeoutMs` exists for tests; production keeps the 10 s default. */
  constructor(options: { apiKey: string; secretKey: string; apiHost?: string; httpProxy?: string; timeoutMs?: number }) {
    this.secrets = [options.apiKey, options.secretKey, Buffer.from(`${options.apiKey}:${options.secretKey}`).toString("base64")];
    this.client = new Client({
      apiKey: options.apiKey,
      apiSecret: options.secretKey,
      config: options.apiHost ? { host: options.apiHost } : undefined,
      options: {
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        // The SDK always speaks https to its host; a proxy is how it reaches anything else.
        proxy: options.httpProxy ? axiosProxy(options.httpProxy) : undefined,
      },
    });
  }

  async send(message: EmailMessage): Promise<SendResult> {
    const toName = message.to.name ? singleLine(message.to.name) : "";
    let body: SendApiResult;
    try {
      const response = await this.client.post("send", { version: "v3.1" }).request({
        Messages: [
          {
            From: { Email: message.from.email, Name: singleLine(message.from.name) },
            To: [toName ? { Email: message.to.email, Name: toName } : { Email: message.to.email }],
            Subject: singleLine(message.subject),
            TextPart: message.text,
            HTMLPart: message.html,
          },
        ],
      });
      body = response.body as SendApiResult;
    } catch (error) {
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      const httpStatus = typeof status === "number" ? status : undefined;
      const reason = this.redact(describeFailure(httpStatus, error));
      if (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500 && httpStatus !== 429) {
        throw new PermanentEmailError(reason, httpStatus);
      }
      throw new Error(reason);
    }

    // Mailjet can answer 200 and still refuse the message, per message.
    const result = body?.Messages?.[0];
    if (result?.Status !== "success") {
      const detail = result?.Errors?.[0]?.ErrorMessage;
      throw new PermanentEmailError(
        this.redact(`Mailjet refused the message: ${typeof detail === "string" ? singleLine(detail).slice(0, 200) : "unknown reason"}`),
      );
    }
    const to = result.To?.[0];
    // MessageID is parsed with json-bigint: a number or a BigNumber, both of which String() renders.
    return { messageId: to?.MessageUUID ?? (to?.MessageID != null ? String(to.MessageID) : undefined) };
  }

  private redact(text: string): string {
    return this.secrets.reduce((out, secret) => (secret ? out.split(secret).join("[redacted]") : out), text);
  }
}

/** `http://127.0.0.1:8025` → axios's `{ protocol, host, port }`. */
function axiosProxy(url: string) {
  const proxy = new URL(url);
  const protocol = proxy.protocol.replace(/:$/, "");
  return { protocol, host: proxy.hostname, port: Number(proxy.port || (protocol === "https" ? 443 : 80)) };
}

/** What went wrong, for logs and the outbox: the status and Mailjet's error text, or the network error. */
function describeFailure(status: number | undefined, error: unknown): string {
  if (status === undefined) return `Mailjet request failed: ${singleLine(String((error as Error | null)?.message ?? error))}`;
  // The SDK copies a top-level ErrorMessage onto its error; v3.1 puts per-message errors in the body.
  const { ErrorMessage, response } = error as { ErrorMessage?: unknown; response?: { data?: SendApiResult } };
  const detail = ErrorMessage ?? response?.data?.Messages?.[0]?.Errors?.[0]?.ErrorMessage;
  return `Mailjet answered ${status}${typeof detail === "string" ? `: ${singleLine(detail).slice(0, 200)}` : ""}`;
}
