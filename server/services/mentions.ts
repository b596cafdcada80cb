import type { Clock } from "../clock";
import type { EmailOutbox } from "../email/outbox";
import { mentionEmail } from "../email/templates/mention";
import type { Mention, MentionableMember, MentionsRepository } from "../repositories/mentions";
import type { ParticipantsRepository } from "../repositories/participants";
import type { Tx } from "../repositories/transaction";
import { mentionedNames } from "../schemas/mentions";
import type { RoomsService } from "./rooms";

export type { Mention, MentionableMember } from "../repositories/mentions";

/** A member named in posts of a room gets at most one email about it per this long. */
export const MENTION_EMAIL_INTERVAL_MS = 10 * 60_000;
/** The composer suggests from this many members at most. */
export const MENTIONABLE_LIMIT = 500;

/** A post as it was just written (created or edited), with what the email about it says. */
export interface WrittenPost {
  id: string;
  roomId: string;
  roomName: string;
  authorId: string;
  authorName: string;
  message: string;
}

export interface MentionsService {
  /**
   * In the post's transaction: makes the post name the room's members its words name (never its
   * author), and queues an email to each one newly named whose address is proven, who wants it and
   * was not emailed about a mention in this room in the last MENTION_EMAIL_INTERVAL_MS. Returns whom it names.
   */
  record(post: WrittenPost, tx: Tx): Promise<Mention[]>;
  /** A deleted post names nobody. */
  clear(post: { id: string; roomId: string }, tx: Tx): Promise<void>;
  /** Whom the composer may suggest: the room's members with an account, for a member. */
  suggestions(userId: string, roomId: string | undefined): Promise<MentionableMember[]>;
}

export function createMentionsService(deps: {
  mentions: MentionsRepository;
  participants: ParticipantsRepository;
  roomsService: Pick<RoomsService, "getForMember">;
  outbox: EmailOutbox;
  clock: Clock;
  appUrl: string;
}): MentionsService {
  const { mentions, participants, roomsService, outbox, clock, appUrl } = deps;

  return {
    async record(post, tx) {
      const named = await mentions.membersNamed(post.roomId, mentionedNames(post.message), post.authorId, tx);
      const at = clock.now();
      const added = new Set(
        await mentions.replace(
          { postId: post.id, roomId: post.roomId, at },
          named.map((m) => m.userId),
          tx,
        ),
      );
      // A room's words go only to proven addresses: an account may carry someone else's unproven one.
      const wanting = named.filter((member) => added.has(member.userId) && member.mentionEmails && member.emailVerified);
      const claimed = new Set(
        await participants.claimMentionEmails(
          post.roomId,
          wanting.map((m) => m.userId),
          at,
          new Date(at.getTime() - MENTION_EMAIL_INTERVAL_MS),
          tx,
        ),
      );
      const postUrl = `${appUrl}/room/${post.roomId}#post-${post.id}`;
      for (const member of wanting.filter((m) => claimed.has(m.userId))) {
        const message = mentionEmail({
          appUrl,
          recipientName: member.name,
          authorName: post.authorName,
          roomName: post.roomName,
          message: post.message,
          postUrl,
        });
        await outbox.enqueue({ kind: "mention", to: { email: member.email, name: member.name }, ...message }, tx);
      }
      return named.map(({ userId, username }) => ({ userId, username })).sort((a, b) => a.username.localeCompare(b.username));
    },

    async clear(post, tx) {
      await mentions.replace({ postId: post.id, roomId: post.roomId, at: clock.now() }, [], tx);
    },

    async suggestions(userId, roomId) {
      const { room } = await roomsService.getForMember(userId, roomId);
      return (await mentions.mentionable(room.id, MENTIONABLE_LIMIT + 1)).filter((m) => m.userId !== userId).slice(0, MENTIONABLE_LIMIT);
    },
  };
}
