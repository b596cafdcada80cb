import { z } from "zod";
import { personNameField } from "./fields";

/** The name others see in the meeting (prefilled with the person's own). */
export const JoinMeetingSchema = z
  .object({
    displayName: personNameField,
  })
  .strict();
export type JoinMeetingInput = z.infer<typeof JoinMeetingSchema>;

/** An invite link's token: 256 bits, base64url. Anything else is refused before a lookup. */
export const inviteTokenField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,128}$/, "This invitation link is incomplete or damaged");
