import { NotFoundError } from "../errors";
import type { DevMailboxMessage, DevMailboxRepository, DevMailboxSummary } from "../repositories/dev-mailbox";

/** Reads the development mailbox (/dev/mail). Exists only when EMAIL_PROVIDER is the dev one. */
export interface DevMailboxService {
  list(options?: { to?: string }): Promise<DevMailboxSummary[]>;
  get(id: string): Promise<DevMailboxMessage>;
}

export function createDevMailboxService(mailbox: DevMailboxRepository): DevMailboxService {
  return {
    list: (options = {}) => mailbox.listRecent(100, options.to?.toLowerCase()),
    async get(id) {
      const message = await mailbox.findById(id);
      if (!message) throw new NotFoundError("No such message");
      return message;
    },
  };
}
