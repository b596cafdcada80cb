import { z } from "zod";

export const SEARCH_MIN = 2;
export const SEARCH_MAX = 100;
/** Each word is one condition on the trigram index; a handful is plenty. */
export const SEARCH_MAX_WORDS = 6;

/** The distinct words of a search, in the order typed, compared case-insensitively. */
export function searchWords(q: string): string[] {
  const words = new Map<string, string>();
  for (const word of q.split(/\s+/)) if (word) words.set(word.toLocaleLowerCase("en"), word);
  return [...words.values()];
}

/** A room search (`?q=`): every word must occur in a post. */
export const searchQueryField = z
  .string({ required_error: "Type what to search for" })
  .trim()
  .min(SEARCH_MIN, `Search for at least ${SEARCH_MIN} characters`)
  .max(SEARCH_MAX, `Search for at most ${SEARCH_MAX} characters`)
  .refine((q) => searchWords(q).length <= SEARCH_MAX_WORDS, `Search for at most ${SEARCH_MAX_WORDS} words`);
