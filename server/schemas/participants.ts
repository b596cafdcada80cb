import { z } from "zod";
import { emailField, personName } from "./fields";

export const MAX_PARTICIPANTS_PER_BATCH = 50;
export const PARTICIPANT_NAME_MIN = 2;

export const participantRow = z.object({
  email: emailField,
  name: personName("Enter their name", PARTICIPANT_NAME_MIN),
});

/** Several people at once; the same address twice in one batch is reported on the later row. */
export const participantRows = z
  .array(participantRow, { required_error: "Add at least one person" })
  .min(1, "Add at least one person")
  .max(MAX_PARTICIPANTS_PER_BATCH, `At most ${MAX_PARTICIPANTS_PER_BATCH} people at once`)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (seen.has(row.email)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, "email"], message: "This address is already in the list above" });
      }
      seen.add(row.email);
    });
  });

export const AddParticipantsSchema = z.object({ rows: participantRows });
export type AddParticipantsInput = z.infer<typeof AddParticipantsSchema>;
