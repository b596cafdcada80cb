import { describe, expect, it } from "vitest";
import {
  ROOM_ACTIONS,
  canBeRemoved,
  mayDeletePost,
  mayEditPost,
  permissionsFor,
  requirePermission,
  type RoomAction,
  type RoomRole,
} from "./room-permissions";

// The whole rule, written out by hand: who may do what in a room.
const EXPECTED: Record<RoomRole, Record<RoomAction, boolean>> = {
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
  moderator: {
    rename: false,
    delete: false,
    addMembers: true,
    resendInvite: true,
    removeMember: false,
    deleteOwnPost: true,
    deleteAnyPost: false,
    editOwnPost: true,
  },
  participant: {
    rename: false,
    delete: false,
    addMembers: false,
    resendInvite: false,
    removeMember: false,
    deleteOwnPost: true,
    deleteAnyPost: false,
    editOwnPost: true,
  },
  guest: {
    rename: false,
    delete: false,
    addMembers: false,
    resendInvite: false,
    removeMember: false,
    deleteOwnPost: false,
    deleteAnyPost: false,
    editOwnPost: false,
  },
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

  it("lets every member delete their own posts, and only the owner anyone's", () => {
    for (const role of roles) {
      expect(mayDeletePost(role, { isAuthor: true })).toBe(role !== "guest");
      expect(mayDeletePost(role, { isAuthor: false })).toBe(role === "owner");
    }
  });

  it("lets members edit their own posts only: not even the owner edits someone else's words", () => {
    for (const role of roles) {
      expect(mayEditPost(role, { isAuthor: true })).toBe(role !== "guest");
      expect(mayEditPost(role, { isAuthor: false })).toBe(false);
    }
  });

  it("never lets the owner be removed from their own room", () => {
    expect(canBeRemoved("owner")).toBe(false);
    expect(canBeRemoved("moderator")).toBe(true);
    expect(canBeRemoved("participant")).toBe(true);
  });
});
