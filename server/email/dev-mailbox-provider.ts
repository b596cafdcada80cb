import type { Logger } from "../logger";
import type { DevMailboxRepository } from "../repositories/dev-mailbox";
import type { EmailProvider } from "./provider";

/**
 * The development provider: needs no account. Messages are kept in the database, readable at
 * /dev/mail; the log prints a link to each one. (Not the links inside: those carry reset and
 * invite tokens, which never go to logs.)
 */
export class DevMailboxProvider implements EmailProvider {
  readonly name = "dev" as const;

  constructor(
    private readonly mailbox: DevMailboxRepository,
    private readonly logger: Logger,
    private readonly appUrl: string,
  ) {}

  async send(message: Parameters<EmailProvider["send"]>[0]) {
    const saved = await this.mailbox.save({
      outboxId: null,
      fromAddress: `${message.from.name} <${message.from.email}>`,
      toAddress: message.to.email,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
    });
    this.logger.info({ subject: message.subject, open: `${this.appUrl}/dev/mail/${saved.id}` }, "dev mailbox: message kept");
    return { messageId: saved.id };
  }
}
