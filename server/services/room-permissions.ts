import { ForbiddenError } from "../errors";
import type { ParticipantRole } from "../repositories/rooms";

/**
 * Who may do what in a room: the one definition. Services check it; pages show only what the
 * service says the viewer may do.
 */

/** A room's participants by role, and a guest holding an invite link's pass (no account). */
export type RoomRole = ParticipantRole | "guest";

export const ROOM_ACTIONS = [
  "rename",
  "delete",
  "addMembers",
  "resendInvite",
  "removeMember",
  "deleteOwnPost",
  "deleteAnyPost",
  "editOwnPost",
] as const;
export type RoomAction = (typeof ROOM_ACTIONS)[number];
export type RoomPermissions = Readonly<Record<RoomAction, boolean>>;

const NOTHING: RoomPermissions = {
  rename: false,
  delete: false,
  addMembers: false,
  resendInvite: false,
  removeMember: false,
  deleteOwnPost: false,
  deleteAnyPost: false,
  editOwnPost: false,
};

const PERMISSIONS: Record<RoomRole, RoomPermissions> = {
  owner: {
    rename: true,
    delete: true,
    addMembers: true,
    resendInvite: true,
    removeMember: true,
    deleteOwnPost: true,
    deleteAnyPost: true,
    editOwnPost: true,
  },
  moderator: { ...NOTHING, addMembers: true, resendInvite: true, deleteOwnPost: true, editOwnPost: true },
  participant: { ...NOTHING, deleteOwnPost: true, editOwnPost: true },
  guest: NOTHING,
};

const REFUSALS: Record<RoomAction, string> = {
  rename: "Only the room's owner can change its settings",
  delete: "Only the room's owner can delete it",
  addMembers: "Only the room's owner and moderators can add people",
  resendInvite: "Only the room's owner and moderators can resend an invitation",
  removeMember: "Only the room's owner can remove people",
  deleteOwnPost: "Only the room's members can delete their posts",
  deleteAnyPost: "Only its author or the room's owner can delete a post",
  editOwnPost: "Only its author can edit a post",
};

export const permissionsFor = (role: RoomRole): RoomPermissions => PERMISSIONS[role];

export function requirePermission(role: RoomRole, action: RoomAction): void {
  if (!PERMISSIONS[role][action]) throw new ForbiddenError(REFUSALS[action]);
}

export const mayDeletePost = (role: RoomRole, post: { isAuthor: boolean }) =>
  PERMISSIONS[role].deleteAnyPost || (post.isAuthor && PERMISSIONS[role].deleteOwnPost);

export function requirePostDeletion(role: RoomRole, post: { isAuthor: boolean }): void {
  if (!mayDeletePost(role, post)) throw new ForbiddenError(REFUSALS[post.isAuthor ? "deleteOwnPost" : "deleteAnyPost"]);
}

/** A post's words are its author's alone: nobody, not even the owner, edits someone else's. */
export const mayEditPost = (role: RoomRole, post: { isAuthor: boolean }) => post.isAuthor && PERMISSIONS[role].editOwnPost;

export function requirePostEdit(role: RoomRole, post: { isAuthor: boolean }): void {
  if (!mayEditPost(role, post)) throw new ForbiddenError(REFUSALS.editOwnPost);
}

/** Nobody removes the room's owner from their own room. */
export const canBeRemoved = (role: ParticipantRole) => role !== "owner";
