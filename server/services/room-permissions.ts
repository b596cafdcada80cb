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
  "shareInviteLink",
  "removeMember",
  "removeFromMeeting",
  "setRole",
  "handOver",
  "leave",
  "deleteOwnPost",
  "deleteAnyPost",
  "editOwnPost",
] as const;
export type RoomAction = (typeof ROOM_ACTIONS)[number];
export type RoomPermissions = Readonly<Record<RoomAction, boolean>>;

const NOTHING: RoomPermissions = Object.fromEntries(ROOM_ACTIONS.map((action) => [action, false])) as Record<RoomAction, boolean>;

/** Moderators look after the people and the feed; the room itself (name, deletion, roles, ownership) stays the owner's. */
const MODERATION = {
  addMembers: true,
  resendInvite: true,
  shareInviteLink: true,
  removeMember: true,
  removeFromMeeting: true,
  deleteOwnPost: true,
  deleteAnyPost: true,
  editOwnPost: true,
} as const;

const PERMISSIONS: Record<RoomRole, RoomPermissions> = {
  owner: { ...NOTHING, ...MODERATION, rename: true, delete: true, setRole: true, handOver: true },
  moderator: { ...NOTHING, ...MODERATION, leave: true },
  participant: { ...NOTHING, deleteOwnPost: true, editOwnPost: true, leave: true },
  guest: NOTHING,
};

const REFUSALS: Record<RoomAction, string> = {
  rename: "Only the room's owner can change its settings",
  delete: "Only the room's owner can delete it",
  addMembers: "Only the room's owner and moderators can add people",
  resendInvite: "Only the room's owner and moderators can resend an invitation",
  shareInviteLink: "Only the room's owner and moderators can share an invitation link",
  removeMember: "Only the room's owner and moderators can remove people",
  removeFromMeeting: "Only the room's owner and moderators can remove people from the meeting",
  setRole: "Only the room's owner can make someone a moderator",
  handOver: "Only the room's owner can hand the room over",
  leave: "The owner cannot leave their room: hand it over to another member first",
  deleteOwnPost: "Only the room's members can delete their posts",
  deleteAnyPost: "Only its author, a moderator or the room's owner can delete a post",
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

const RANK: Record<RoomRole, number> = { owner: 3, moderator: 2, participant: 1, guest: 0 };

/** Actions taken on another person: removing them from the room or from its meeting. */
export type ActionOnPerson = "removeMember" | "removeFromMeeting";

/**
 * Whether `actor` may do `action` to someone whose role is `target`: only to someone of a lower
 * role. So nobody removes the owner, and moderators cannot remove each other (only the owner,
 * who grants the role, takes it back or removes a moderator).
 */
export const mayActOn = (actor: RoomRole, action: ActionOnPerson, target: ParticipantRole) =>
  PERMISSIONS[actor][action] && RANK[actor] > RANK[target];

export function requireActionOn(actor: RoomRole, action: ActionOnPerson, target: ParticipantRole): void {
  requirePermission(actor, action);
  if (!mayActOn(actor, action, target)) {
    throw new ForbiddenError(target === "owner" ? "Nobody can remove the room's owner" : "Only the room's owner can remove a moderator");
  }
}

/** A post's words are its author's alone: nobody, not even the owner, edits someone else's. */
export const mayEditPost = (role: RoomRole, post: { isAuthor: boolean }) => post.isAuthor && PERMISSIONS[role].editOwnPost;

export function requirePostEdit(role: RoomRole, post: { isAuthor: boolean }): void {
  if (!mayEditPost(role, post)) throw new ForbiddenError(REFUSALS.editOwnPost);
}
