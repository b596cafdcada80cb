import { z } from "zod";
import { POST_MESSAGE_MAX, ROOM_NAME_MAX, ROOM_NAME_MIN } from "./limits";

export { POST_MESSAGE_MAX, ROOM_NAME_MAX, ROOM_NAME_MIN };

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hasControlCharacters = (s: string) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);

export const roomNameField = z
  .string({ required_error: "Give the room a name" })
  .trim()
  .min(1, "Give the room a name")
  .max(ROOM_NAME_MAX, `Room names can be at most ${ROOM_NAME_MAX} characters`)
  .refine((s) => s.length === 0 || s.length >= ROOM_NAME_MIN, `Room names need at least ${ROOM_NAME_MIN} characters`)
  .refine((s) => !/[\r\n]/.test(s) && !hasControlCharacters(s), "Room names are one line of text");

export const roomDescriptionField = z
  .string()
  .trim()
  .max(1000, "Descriptions can be at most 1,000 characters")
  .refine((s) => !hasControlCharacters(s), "Descriptions cannot contain control characters")
  .optional()
  .transform((s) => (s ? s : null));

export const RoomSchema = z.object({ name: roomNameField, description: roomDescriptionField });
export type RoomInput = z.infer<typeof RoomSchema>;

/** Deleting a room takes a ticked confirmation box. */
export const DeleteRoomSchema = z.object({
  confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm that the room and all its posts go for good." }) }),
});

export const postMessageField = z
  .string({ required_error: "Write a message first" })
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "Write a message first")
      .max(POST_MESSAGE_MAX, `Messages can be at most ${POST_MESSAGE_MAX.toLocaleString("en")} characters`)
      .refine((s) => !hasControlCharacters(s), "Messages cannot contain control characters"),
  );

export const PostSchema = z.object({ message: postMessageField });
export type PostInput = z.infer<typeof PostSchema>;

export const RoomSearchSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((s) => (s ? s : undefined)),
  cursor: z.string().max(200).optional(),
});
