import { z } from "zod";

/** The roles the owner hands out; "owner" moves only by handing the room over. */
export const ASSIGNABLE_ROLES = ["moderator", "participant"] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

const roleField = z.enum(ASSIGNABLE_ROLES, { errorMap: () => ({ message: "Choose moderator or participant" }) });
const participantIdField = z.string({ required_error: "Choose a member" }).uuid("Choose a member");

/** The members panel's role buttons. */
export const SetRoleFormSchema = z.object({ participantId: participantIdField, role: roleField });
/** PUT /api/rooms/{roomId}/participants/{participantId}/role */
export const SetRoleApiSchema = z.object({ role: roleField });

/** The hand-over page's choice. */
export const HandOverFormSchema = z.object({ participantId: participantIdField });
/** POST /api/rooms/{roomId}/owner */
export const HandOverApiSchema = z.object({ participant_id: participantIdField });
