import { z } from "zod";

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hasControlCharacters = (s: string) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);

export const RoomSchema = z.object({
  name: z
    .string({ required_error: "Give the room a name" })
    .trim()
    .min(1, "Give the room a name")
    .max(100, "Room names can be at most 100 characters")
    .refine((s) => !/[\r\n]/.test(s) && !hasControlCharacters(s), "Room names are one line of text"),
  description: z
    .string()
    .trim()
    .max(1000, "Descriptions can be at most 1,000 characters")
    .refine((s) => !hasControlCharacters(s), "Descriptions cannot contain control characters")
    .optional()
    .transform((s) => (s ? s : null)),
});
export type RoomInput = z.infer<typeof RoomSchema>;

/** Deleting a room takes a ticked confirmation box. */
export const DeleteRoomSchema = z.object({
  confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm that the room and all its posts go for good." }) }),
});

export const PostSchema = z.object({
  message: z
    .string({ required_error: "Write a message first" })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, "Write a message first")
        .max(4000, "Messages can be at most 4,000 characters")
        .refine((s) => !hasControlCharacters(s), "Messages cannot contain control characters"),
    ),
});
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
