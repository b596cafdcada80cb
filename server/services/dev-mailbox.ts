import { NotFoundError } from "../errors";
import type { DevMailboxMessage, DevMailboxRepository, DevMailboxSummary } from "../repositories/dev-mailbox";

/** /dev/mail lists this many messages at most, newest first. */
export const DEV_MAILBOX_LIST_LIMIT = 100;

/** Reads the development mailbox (/dev/mail). Exists only when EMAIL_PROVIDER is the dev one. */
export interface DevMailboxService {
  list(options?: { to?: string }): Promise<DevMailboxSummary[]>;
  get(id: string): Promise<DevMailboxMessage>;
}

export function createDevMailboxService(mailbox: DevMailboxRepository): DevMailboxService {
  return {
    list: (options = {}) => mailbox.listRecent(DEV_MAILBOX_LIST_LIMIT, options.to?.toLowerCase()),
    async get(id) {
      const message = await mailbox.findById(id);
      if (!message) throw new NotFoundError("No such message");
      return message;
    },
  };
}
