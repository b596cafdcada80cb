import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { SetRoleFormSchema } from "../../server/schemas/memberships";

const RemoveFromMeetingSchema = SetRoleFormSchema.pick({ participantId: true });

/**
 * The members panel's role and meeting buttons (plain forms, so they work without JavaScript):
 * checked with zod, done by the services, answered with the notice to show. A crafted post gets 400.
 */
export async function changeMember(
  intent: "set-role" | "remove-from-meeting",
  userId: string,
  roomId: string,
  formData: FormData,
  context: AppLoadContext,
): Promise<string> {
  const fields = Object.fromEntries(formData);
  if (intent === "set-role") {
    const { participantId, role } = parsed(SetRoleFormSchema, fields);
    const person = await context.services.memberships.setRole(userId, roomId, participantId, role);
    return role === "moderator" ? `${person.name} is now a moderator.` : `${person.name} is now a member.`;
  }
  const { participantId } = parsed(RemoveFromMeetingSchema, fields);
  await context.services.meetings.removeFromMeeting(userId, roomId, participantId);
  return "They have been taken out of the meeting. They can still join again.";
}

function parsed<S extends z.ZodTypeAny>(schema: S, fields: Record<string, unknown>): z.output<S> {
  const result = schema.safeParse(fields);
  if (!result.success) throw new Response(result.error.issues.map((issue) => issue.message).join(" "), { status: 400 });
  return result.data;
}
