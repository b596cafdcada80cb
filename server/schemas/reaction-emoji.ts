/** The six reactions a post can have, in the order they are offered and shown (no zod: pages import it). */
export const REACTION_EMOJI = ["👍", "🎉", "❤️", "😂", "👀", "🙏"] as const;
export type ReactionEmoji = (typeof REACTION_EMOJI)[number];
