/** `%`, `_` and `\` in a search are literal characters, not patterns: `ILIKE` with its default escape `\`. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
