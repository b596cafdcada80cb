/** The customer's limits (original spec §4.2), the same for pages and the JSON API (no zod: pages import it). */
export const ROOM_NAME_MIN = 3;
export const ROOM_NAME_MAX = 100;
export const POST_MESSAGE_MAX = 5000;
