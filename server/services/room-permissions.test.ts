import { describe, expect, it } from "vitest";
import type { ParticipantRole } from "../repositories/rooms";
import {
  ROOM_ACTIONS,
  mayActOn,
  mayDeletePost,
  mayEditPost,
  permissionsFor,
  requireActionOn,
  requirePermission,
  type RoomAction,
  type RoomRole,
} from "./room-permissions";

// The whole rule, written out by hand: who may do what in a room.
const Y = true;
const N = false;
// prettier-ignore
const EXPECTED: Record<RoomRole, Record<RoomAction, boolean>> = {
  //            rename delete addMembers resendInvite shareInviteLink removeMember removeFromMeeting setRole handOver leave deleteOwnPost deleteAnyPost editOwnPost
  owner:       { rename: Y, delete: Y, addMembers: Y, resendInvite: Y, shareInviteLink: Y, removeMember: Y, removeFromMeeting: Y, setRole: Y, handOver: Y, leave: N, deleteOwnPost: Y, deleteAnyPost: Y, editOwnPost: Y },
  moderator:   { rename: N, delete: N, addMembers: Y, resendInvite: Y, shareInviteLink: Y, removeMember: Y, removeFromMeeting: Y, setRole: N, handOver: N, leave: Y, deleteOwnPost: Y, deleteAnyPost: Y, editOwnPost: Y },
  participant: { rename: N, delete: N, addMembers: N, resendInvite: N, shareInviteLink: N, removeMember: N, removeFromMeeting: N, setRole: N, handOver: N, leave: Y, deleteOwnPost: Y, deleteAnyPost: N, editOwnPost: Y },
  guest:       { rename: N, delete: N, addMembers: N, resendInvite: N, shareInviteLink: N, removeMember: N, removeFromMeeting: N, setRole: N, handOver: N, leave: N, deleteOwnPost: N, deleteAnyPost: N, editOwnPost: N },
};

// Whom each role may remove (from the room or its meeting): only someone of a lower role.
const TARGETS: Record<RoomRole, ParticipantRole[]> = {
  owner: ["moderator", "participant"],
  moderator: ["participant"],
  participant: [],
  guest: [],
};

describe("room permissions", () => {
  const roles = Object.keys(EXPECTED) as RoomRole[];

  it("covers every action", () => {
    expect([...ROOM_ACTIONS].sort()).toEqual(Object.keys(EXPECTED.owner).sort());
  });

  for (const role of roles) {
    for (const action of ROOM_ACTIONS) {
      const allowed = EXPECTED[role][action];
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(permissionsFor(role)[action]).toBe(allowed);
        if (allowed) expect(() => requirePermission(role, action)).not.toThrow();
        else expect(() => requirePermission(role, action)).toThrow(expect.objectContaining({ kind: "forbidden" }));
      });
    }
  }

  it("lets every member delete their own posts, and the owner and moderators anyone's", () => {
    for (const role of roles) {
      expect(mayDeletePost(role, { isAuthor: true })).toBe(role !== "guest");
      expect(mayDeletePost(role, { isAuthor: false })).toBe(role === "owner" || role === "moderator");
    }
  });

  it("lets members edit their own posts only: not even the owner edits someone else's words", () => {
    for (const role of roles) {
      expect(mayEditPost(role, { isAuthor: true })).toBe(role !== "guest");
      expect(mayEditPost(role, { isAuthor: false })).toBe(false);
    }
  });

  for (const actor of roles) {
    for (const action of ["removeMember", "removeFromMeeting"] as const) {
      it(`${actor} may ${action} only ${TARGETS[actor].join(" and ") || "nobody"}`, () => {
        for (const target of ["owner", "moderator", "participant"] as const) {
          const allowed = TARGETS[actor].includes(target);
          expect(mayActOn(actor, action, target)).toBe(allowed);
          if (allowed) expect(() => requireActionOn(actor, action, target)).not.toThrow();
          else expect(() => requireActionOn(actor, action, target)).toThrow(expect.objectContaining({ kind: "forbidden" }));
        }
      });
    }
  }
});
