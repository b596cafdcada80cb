import { z } from "zod";
import { REACTION_EMOJI } from "./reaction-emoji";

export { REACTION_EMOJI, type ReactionEmoji } from "./reaction-emoji";

export const ReactionSchema = z.object({
  emoji: z.enum(REACTION_EMOJI, { errorMap: () => ({ message: `Choose one of ${REACTION_EMOJI.join(" ")}` }) }),
});

/** The room page's reaction buttons send "<post id> <emoji>" as one value. */
export const ReactionFormSchema = z
  .string()
  .max(80)
  .transform((value) => {
    const at = value.indexOf(" ");
    return { postId: value.slice(0, at), emoji: value.slice(at + 1) };
  })
  .pipe(z.object({ postId: z.string().uuid() }).merge(ReactionSchema));
