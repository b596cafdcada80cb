/** One outgoing message, already rendered. Names and subject are single-line (no CR/LF). */
export interface EmailMessage {
  to: { email: string; name?: string };
  from: { email: string; name: string };
  subject: string;
  text: string;
  html: string;
}

export interface SendResult {
  /** The provider's id for the message, when it gives one. */
  messageId?: string;
}

/** Sends one message through a real service (SendGrid, Mailjet) or the development mailbox. */
export interface EmailProvider {
  readonly name: "sendgrid" | "mailjet" | "dev";
  send(message: EmailMessage): Promise<SendResult>;
}

/**
 * The provider refused the message for a reason a retry will not fix
 * (bad address, bad key: a 4xx other than 429). Other errors are retried.
 */
export class PermanentEmailError extends Error {
  constructor(
    message: string,
    public readonly status?: number,
  ) {
    super(message);
    this.name = "PermanentEmailError";
  }
}
