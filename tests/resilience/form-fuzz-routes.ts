import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { PasswordResetRequestSchema, SignInSchema, SignUpSchema } from "../../server/schemas/auth";
import { JoinMeetingSchema } from "../../server/schemas/meetings";
import { AddParticipantsSchema } from "../../server/schemas/participants";
import { ChangePasswordSchema, ProfileSchema } from "../../server/schemas/profile";
import { PostSchema, RoomSchema } from "../../server/schemas/rooms";

/** What the fuzz knows of the app it attacks: one signed-in member ("me") and what surrounds them. */
export interface FuzzWorld {
  url: string;
  /** My session cookie (`__Host-parley_session=…`). */
  cookie: string;
  myEmail: string;
  /** Every real password: a body carrying one could sign in or change a password. */
  passwords: string[];
  accountEmails: string[];
  rooms: {
    /** Mine: I own it. */
    own: string;
    /** Someone else's, where I am a member. */
    member: string;
    /** Someone else's, where I am nobody. */
    foreign: string;
  };
  participantIds: Record<string, string[]>;
  postIds: Record<string, string[]>;
  inviteIds: string[];
  /** A valid `from__confirm` honeypot value, as the /auth pages render it. */
  honeypotFrom: string;
}

/** Who sends it, as the server sees it. */
export interface Sender {
  signedIn: boolean;
  room: string;
}

/** A page that takes a form post, and what the fuzz must know to post malformed bodies to it. */
export interface FormRoute {
  name: string;
  /** Remix's route id, which a JS-style submission names in `_data`. */
  routeId: string;
  index?: boolean;
  /** False for the pages without an action (a post to them must be refused with 405). */
  hasAction?: false;
  /** Takes a room id (the room pages), or not. */
  roomScoped: boolean;
  /** Who normally uses it: the fuzz mostly posts as them, sometimes as the other. */
  usedBy: "member" | "anonymous";
  /** The /auth forms check the honeypot fields. */
  honeypot?: boolean;
  path(room: string): string;
  /** A body that is (nearly) right; the fuzz mutates it. */
  template(world: FuzzWorld): Array<[string, string]>;
  /**
   * Whether this body, from this sender, could be accepted (and so write something). Those are
   * not malformed and are left out: every request the fuzz sends must be one the app refuses.
   * It errs on the side of "could" (the server may refuse more, never less).
   */
  mightSucceed(form: FormData, sender: Sender, world: FuzzWorld): boolean;
}

/** Whether the route's own parsing accepts it (conform throws on some broken bodies: those are not accepted). */
function valid(form: FormData, schema: z.ZodTypeAny) {
  try {
    return parseWithZod(form, { schema }).status === "success";
  } catch {
    return false;
  }
}
const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const sameId = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const isMine = (room: string, world: FuzzWorld) => sameId(room, world.rooms.own) || sameId(room, world.rooms.member);
const PASSWORD = "correct horse battery staple";

export const FORM_ROUTES: FormRoute[] = [
  {
    name: "sign up",
    routeId: "routes/auth.signup",
    roomScoped: false,
    usedBy: "anonymous",
    honeypot: true,
    path: () => "/auth/signup",
    template: () => [
      ["username", "fuzzed_name"],
      ["email", "fuzzed@example.test"],
      ["name", "Fuzzed Name"],
      ["password", PASSWORD],
      ["confirmPassword", PASSWORD],
    ],
    mightSucceed: (form, sender) => !sender.signedIn && valid(form, SignUpSchema),
  },
  {
    name: "sign in",
    routeId: "routes/auth.signin",
    roomScoped: false,
    usedBy: "anonymous",
    honeypot: true,
    path: () => "/auth/signin",
    template: (world) => [
      ["email", world.myEmail],
      ["password", "not my password at all"],
      ["redirectTo", "/home"],
    ],
    // A well-formed sign-in with a wrong password is refused (and counted by the rate limiter).
    mightSucceed: (form, sender, world) =>
      !sender.signedIn && valid(form, SignInSchema) && world.passwords.includes(text(form, "password")),
  },
  {
    name: "ask for a reset link",
    routeId: "routes/auth.reset-password",
    roomScoped: false,
    usedBy: "anonymous",
    honeypot: true,
    path: () => "/auth/reset-password",
    template: () => [["email", "someone@example.test"]],
    mightSucceed: (form, sender) => !sender.signedIn && valid(form, PasswordResetRequestSchema),
  },
  {
    name: "choose a new password",
    routeId: "routes/auth.reset-password-form",
    roomScoped: false,
    usedBy: "anonymous",
    path: () => "/auth/reset-password-form",
    // The fuzz never learns a real reset token (none is issued), so a well-formed one is refused.
    template: () => [
      ["token", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"],
      ["password", PASSWORD],
      ["confirmPassword", PASSWORD],
    ],
    mightSucceed: () => false,
  },
  {
    name: "confirm an email address",
    routeId: "routes/auth.verify-email",
    roomScoped: false,
    usedBy: "anonymous",
    path: () => "/auth/verify-email",
    // As with reset links, the fuzz never learns a real verification token, so every post is refused.
    template: () => [["token", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"]],
    mightSucceed: () => false,
  },
  {
    name: "resend the verification link",
    routeId: "routes/auth.resend-verification",
    roomScoped: false,
    // A signed-in member's resend may send a link: only anonymous (and cross-site) posts are fuzzed.
    usedBy: "anonymous",
    path: () => "/auth/resend-verification",
    template: () => [["redirectTo", "/home"]],
    mightSucceed: (_form, sender) => sender.signedIn,
  },
  {
    name: "sign out",
    routeId: "routes/auth.signout",
    roomScoped: false,
    // Signing out always works for a signed-in member: only anonymous (and cross-site) posts are fuzzed.
    usedBy: "anonymous",
    path: () => "/auth/signout",
    template: () => [["redirectTo", "/home"]],
    mightSucceed: (_form, sender) => sender.signedIn,
  },
  {
    name: "create a room",
    routeId: "routes/home.new",
    roomScoped: false,
    usedBy: "member",
    path: () => "/home/new",
    template: () => [
      ["name", "Fuzzed room"],
      ["description", "A room the fuzz made"],
    ],
    mightSucceed: (form, sender) => sender.signedIn && valid(form, RoomSchema),
  },
  {
    name: "accept or decline an invitation",
    routeId: "routes/invites",
    roomScoped: false,
    usedBy: "member",
    path: () => "/invites",
    template: (world) => [
      ["intent", "accept"],
      ["inviteId", world.inviteIds[0] ?? ""],
    ],
    // None of the invitations is addressed to me and still pending (the one I had is accepted).
    mightSucceed: () => false,
  },
  {
    name: "profile",
    routeId: "routes/profile",
    roomScoped: false,
    usedBy: "member",
    path: () => "/profile",
    template: () => [
      ["intent", "profile"],
      ["name", "Another Name"],
      ["username", "another_name"],
      ["currentPassword", "wrong current password"],
      ["password", PASSWORD],
      ["confirmPassword", PASSWORD],
    ],
    mightSucceed(form, sender, world) {
      if (!sender.signedIn) return false;
      const intent = form.get("intent");
      if (intent === "sign-out-everywhere" || intent === "sign-out-others") return true;
      if (intent === "profile") return valid(form, ProfileSchema);
      if (intent === "password") return valid(form, ChangePasswordSchema) && world.passwords.includes(text(form, "currentPassword"));
      return false;
    },
  },
  {
    name: "room: post, delete a post, remove or re-invite someone",
    routeId: "routes/room.$roomId",
    roomScoped: true,
    usedBy: "member",
    path: (room) => `/room/${room}`,
    template: (world) => [
      ["intent", "post"],
      ["message", "Hello from the fuzz"],
      ["participantId", world.participantIds[world.rooms.own]?.[1] ?? ""],
      ["postId", world.postIds[world.rooms.own]?.[0] ?? ""],
      ["via", "fetch"],
    ],
    mightSucceed(form, sender, world) {
      if (!sender.signedIn || !isMine(sender.room, world)) return false;
      const room = [world.rooms.own, world.rooms.member].find((id) => sameId(id, sender.room))!;
      const intent = form.get("intent");
      if (intent === "post") return valid(form, PostSchema);
      if (intent === "remove-participant" || intent === "resend-invite")
        return (world.participantIds[room] ?? []).some((id) => sameId(id, text(form, "participantId")));
      if (intent === "delete-post") return (world.postIds[room] ?? []).some((id) => sameId(id, text(form, "postId")));
      return false;
    },
  },
  {
    name: "room: add people",
    routeId: "routes/room.$roomId.members.new",
    roomScoped: true,
    usedBy: "member",
    path: (room) => `/room/${room}/members/new`,
    template: () => [
      ["rows[0].email", "new.person@example.test"],
      ["rows[0].name", "New Person"],
      ["rows[1].email", "other.person@example.test"],
      ["rows[1].name", "Other Person"],
    ],
    mightSucceed: (form, sender, world) => sender.signedIn && isMine(sender.room, world) && valid(form, AddParticipantsSchema),
  },
  {
    name: "room: rename or delete",
    routeId: "routes/room.$roomId.settings",
    roomScoped: true,
    usedBy: "member",
    path: (room) => `/room/${room}/settings`,
    template: () => [
      ["intent", "rename"],
      ["name", "Renamed by the fuzz"],
      ["description", ""],
      ["confirm", "no"],
    ],
    // Only my own room: in the room where I am a member, renaming and deleting must be refused.
    mightSucceed(form, sender, world) {
      if (!sender.signedIn || !sameId(sender.room, world.rooms.own)) return false;
      return form.get("intent") === "delete" ? form.get("confirm") === "yes" : valid(form, RoomSchema);
    },
  },
  {
    name: "room: join by invite link",
    routeId: "routes/room.$roomId_.join",
    roomScoped: true,
    usedBy: "anonymous",
    path: (room) => `/room/${room}/join`,
    // Invite tokens are only ever emailed (and stored hashed): the fuzz cannot hold a real one.
    template: () => [
      ["intent", "accept"],
      ["token", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"],
    ],
    mightSucceed: () => false,
  },
  {
    name: "room: join the meeting",
    routeId: "routes/room.$roomId_.meeting",
    roomScoped: true,
    usedBy: "member",
    path: (room) => `/room/${room}/meeting`,
    template: () => [["displayName", "Fuzzy"]],
    mightSucceed: (form, sender, world) =>
      sender.signedIn && isMine(sender.room, world) && JoinMeetingSchema.safeParse({ displayName: form.get("displayName") ?? "" }).success,
  },
  // Pages without an action: a post is refused with 405.
  {
    name: "landing (no action)",
    routeId: "routes/_index",
    index: true,
    hasAction: false,
    roomScoped: false,
    usedBy: "anonymous",
    path: () => "/",
    template: () => [["intent", "x"]],
    mightSucceed: () => false,
  },
  {
    name: "home (no action)",
    routeId: "routes/home",
    hasAction: false,
    roomScoped: false,
    usedBy: "member",
    path: () => "/home",
    template: () => [["q", "x"]],
    mightSucceed: () => false,
  },
  {
    name: "prep (no action)",
    routeId: "routes/room.$roomId_.prep",
    hasAction: false,
    roomScoped: true,
    usedBy: "member",
    path: (room) => `/room/${room}/prep`,
    template: () => [["displayName", "x"]],
    mightSucceed: () => false,
  },
];

const NO_WORLD: FuzzWorld = {
  url: "",
  cookie: "",
  myEmail: "",
  passwords: [],
  accountEmails: [],
  rooms: { own: "", member: "", foreign: "" },
  participantIds: {},
  postIds: {},
  inviteIds: [],
  honeypotFrom: "",
};

/** Field names worth trying on any form: every route's own, and others a form might carry. */
export const FIELD_NAMES = [
  ...new Set(FORM_ROUTES.flatMap((r) => r.template(NO_WORLD).map(([k]) => k))),
  "intent",
  "redirectTo",
  "name__confirm",
  "from__confirm",
  "_data",
  "rows",
  "rows[0]",
  "rows.email",
  "rows[0][email]",
  "rows[49].email",
  "role",
  "ownerId",
  "userId",
  "roomId",
];

/** Names that attack the form parser itself: conform's control fields, prototype keys, lists and nesting no form has. */
export const HOSTILE_FIELD_NAMES = [
  "__intent__",
  "__state__",
  "__proto__",
  "constructor",
  "__proto__[isAdmin]",
  "constructor.prototype.isAdmin",
  "rows[-1].email",
  "rows[99999].name",
  "rows[4294967295].name",
  `a${"[0]".repeat(5000)}`,
  "a..b",
  "[]",
];

export const INTENTS = [
  "post",
  "delete-post",
  "remove-participant",
  "resend-invite",
  "delete",
  "rename",
  "accept",
  "decline",
  "profile",
  "password",
  "sign-out-others",
  "sign-out-everywhere",
  "",
  "POST",
  "unknown",
  "__proto__",
];
