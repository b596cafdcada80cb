import { QueryTypes, type Sequelize } from "sequelize";
import type { Tx } from "./transaction";

/** A member a post names: someone with an account in its room. */
export interface Mention {
  userId: string;
  username: string;
}

/** What writing to a mentioned member needs: their address, name and setting. */
export interface MentionedMember extends Mention {
  name: string;
  email: string;
  /** Their profile setting: email me when someone mentions me. */
  mentionEmails: boolean;
  /** Whether their address is proven: nothing about a room is emailed to an address that is not. */
  emailVerified: boolean;
}

/** Someone the composer may suggest. */
export interface MentionableMember extends Mention {
  name: string;
}

/** `post_mentions` (who each post names) and the room's members as mentions see them. */
export interface MentionsRepository {
  /** The room's members with an account among these (lower-cased) usernames, in one query; never `exceptUserId`. */
  membersNamed(roomId: string, usernames: string[], exceptUserId: string, tx?: Tx): Promise<MentionedMember[]>;
  /** Makes the post name exactly these people; returns those it did not name before. */
  replace(post: { postId: string; roomId: string; at: Date }, userIds: string[], tx: Tx): Promise<string[]>;
  /** Members with an account, by username, up to `limit`. */
  mentionable(roomId: string, limit: number): Promise<MentionableMember[]>;
}

export function createMentionsRepository(sequelize: Sequelize): MentionsRepository {
  const select = <T extends object>(sql: string, replacements: Record<string, unknown>, tx?: Tx) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction: tx });

  return {
    async membersNamed(roomId, usernames, exceptUserId, tx) {
      if (!usernames.length) return [];
      return select<MentionedMember>(
        `SELECT u.id AS "userId", u.username, u.name, u.email, u.mention_emails AS "mentionEmails",
                u.email_verified_at IS NOT NULL AS "emailVerified"
           FROM room_participants rp JOIN users u ON u.id = rp.user_id
          WHERE rp.room_id = :roomId AND lower(u.username) IN (:usernames) AND u.id <> :exceptUserId AND u.is_active`,
        { roomId, usernames, exceptUserId },
        tx,
      );
    },

    async replace({ postId, roomId, at }, userIds, tx) {
      await sequelize.query(
        userIds.length
          ? `DELETE FROM post_mentions WHERE post_id = :postId AND user_id NOT IN (:userIds)`
          : `DELETE FROM post_mentions WHERE post_id = :postId`,
        { replacements: { postId, userIds }, transaction: tx },
      );
      if (!userIds.length) return [];
      const added = await select<{ user_id: string }>(
        `INSERT INTO post_mentions (post_id, user_id, room_id, created_at)
         SELECT :postId, u.id, :roomId, :at FROM users u WHERE u.id IN (:userIds)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        { postId, roomId, at, userIds },
        tx,
      );
      return added.map((row) => row.user_id);
    },

    mentionable: (roomId, limit) =>
      select<MentionableMember>(
        `SELECT u.id AS "userId", u.username, u.name
           FROM room_participants rp JOIN users u ON u.id = rp.user_id
          WHERE rp.room_id = :roomId AND u.is_active
          ORDER BY lower(u.username)
          LIMIT :limit`,
        { roomId, limit },
      ),
  };
}
