import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ReactionSchema } from "../../server/schemas/reactions";
import { HandOverApiSchema, SetRoleApiSchema } from "../../server/schemas/memberships";
import {
  AcceptedOut,
  AuthOut,
  ErrorOut,
  InvitationListOut,
  InvitationOut,
  InviteListOut,
  JoinBody,
  JoinOut,
  MessageOut,
  ParticipantBatchBody,
  ParticipantBody,
  ReactionOut,
  ReadBody,
  ReadPointOut,
  ParticipantListOut,
  PostBody,
  PostListOut,
  PostListQuery,
  PostOut,
  ResetConfirmBody,
  ResetRequestBody,
  RoomBody,
  RoomDetailOut,
  RoomListOut,
  RoomListQuery,
  RoomPatchBody,
  SignInBody,
  SignUpBody,
} from "./schemas";
import { InviteLinkOut, MemberOut } from "./membership-schemas";

/**
 * The OpenAPI 3.1 document of /api, generated from the zod schemas the endpoints validate with
 * and answer through, so it says what the server does.
 */
// The generator reads parameters through zod's `.openapi()`, which this adds to every schema.
extendZodWithOpenApi(z);

const json = (schema: z.ZodTypeAny) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...json(ErrorOut) });
const ok = (description: string, schema: z.ZodTypeAny) => ({ description, ...json(schema) });
const roomId = z.object({ roomId: z.string().uuid() });

const COMMON_ERRORS = {
  400: error("The body is not JSON, or a token is not valid"),
  401: error("No valid credentials (Bearer token or session cookie)"),
  413: error("The body is over 64 KB"),
  415: error("The body is not application/json"),
  422: error("Validation failed: messages by field"),
  429: error("Rate-limited: see Retry-After"),
};

type Endpoint = Omit<RouteConfig, "responses"> & { responses: RouteConfig["responses"]; public?: boolean };

const done = (description: string) => ok(description, MessageOut);
/** A list: a JSON array, with the next page (if any) in the Link header. */
const list = (description: string, schema: z.ZodTypeAny) => ({
  ...ok(description, schema),
  headers: {
    Link: { description: 'RFC 8288: `<…?cursor=…>; rel="next"` when there is a next page', schema: { type: "string" as const } },
  },
});

function endpoints(): Endpoint[] {
  const member = { 404: error("No such room, or not yours to see (the same answer)") };
  return [
    {
      method: "post",
      path: "/api/auth/signup",
      summary: "Create an account; answers with a session token, like sign-in",
      public: true,
      request: { body: json(SignUpBody) },
      responses: { 201: ok("Signed up and in", AuthOut), 409: error("Email or username taken") },
    },
    {
      method: "post",
      path: "/api/auth/signin",
      summary: "Sign in; the token is bound to a session row (no LiveKit token: those are minted per room at join)",
      public: true,
      request: { body: json(SignInBody) },
      responses: { 200: ok("Signed in", AuthOut) },
    },
    {
      method: "post",
      path: "/api/auth/signout",
      summary: "End this session (the token stops working)",
      responses: { 204: { description: "Signed out" } },
    },
    {
      method: "post",
      path: "/api/auth/reset-password",
      summary: "Email a reset link (the answer never says whether the address has an account)",
      public: true,
      request: { body: json(ResetRequestBody) },
      responses: { 200: done("Accepted") },
    },
    {
      method: "post",
      path: "/api/auth/reset-password/confirm",
      summary: "Set a new password with the emailed token; ends every session",
      public: true,
      request: { body: json(ResetConfirmBody) },
      responses: { 200: done("Password changed") },
    },
    {
      method: "get",
      path: "/api/rooms",
      summary: "My rooms, most recently active first (keyset pages)",
      request: { query: RoomListQuery },
      responses: { 200: list("A page of rooms", RoomListOut) },
    },
    {
      method: "post",
      path: "/api/rooms",
      summary: "Create a room",
      request: { body: json(RoomBody) },
      responses: { 201: ok("Created", RoomDetailOut) },
    },
    {
      method: "get",
      path: "/api/rooms/{roomId}",
      summary: "A room I am in",
      request: { params: roomId },
      responses: { 200: ok("The room", RoomDetailOut), ...member },
    },
    {
      method: "patch",
      path: "/api/rooms/{roomId}",
      summary: "Rename or describe a room (owner)",
      request: { params: roomId, body: json(RoomPatchBody) },
      responses: { 200: ok("Updated", RoomDetailOut), 403: error("Not the owner"), ...member },
    },
    {
      method: "delete",
      path: "/api/rooms/{roomId}",
      summary: "Delete a room and its LiveKit room (owner)",
      request: { params: roomId },
      responses: { 200: done("Deleted"), 403: error("Not the owner"), ...member },
    },
    {
      method: "get",
      path: "/api/rooms/{roomId}/participants",
      summary: "Everyone in the room (up to 500, the owner first)",
      request: { params: roomId },
      responses: { 200: ok("Participants", ParticipantListOut), ...member },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/participants",
      summary: "Add and invite one person, or a batch of up to 50 (all or nothing), with their invite links (owner and moderators)",
      request: { params: roomId, body: json(z.union([ParticipantBody, ParticipantBatchBody])) },
      responses: {
        201: ok("Added and invited: one invitation for one person, an array for a batch", z.union([InvitationOut, InvitationListOut])),
        403: error("Not allowed to add people"),
        ...member,
      },
    },
    {
      method: "delete",
      path: "/api/rooms/{roomId}/participants/{participantId}",
      summary: "Remove someone (owner); also from a running meeting",
      request: { params: roomId.extend({ participantId: z.string().uuid() }) },
      responses: { 200: done("Removed"), 403: error("Not the owner, or the owner themself"), ...member },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/join",
      summary: "LiveKit connection details for this one room (member credentials, or an invitation's invite_token)",
      public: true,
      request: { params: roomId, body: json(JoinBody) },
      responses: { 200: ok("Connect with these", JoinOut), ...member, 503: error("LiveKit is not answering") },
    },
    {
      method: "get",
      path: "/api/rooms/{roomId}/posts",
      summary: "Posts, newest first (keyset pages, older ones by the Link header); with `q`, only those holding every word",
      request: { params: roomId, query: PostListQuery },
      responses: { 200: list("A page of posts", PostListOut), ...member },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/posts",
      summary: "Post a message (1 to 5,000 characters)",
      request: { params: roomId, body: json(PostBody) },
      responses: { 201: ok("Posted", PostOut), ...member },
    },
    {
      method: "patch",
      path: "/api/rooms/{roomId}/posts/{postId}",
      summary: "Edit my own post (the same rules as a new one); `edited_at` says when",
      request: { params: roomId.extend({ postId: z.string().uuid() }), body: json(PostBody) },
      responses: { 200: ok("Edited", PostOut), 403: error("Not its author"), 409: error("The post was deleted"), ...member },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/posts/{postId}/reactions",
      summary: "Toggle my reaction (one of six emoji) on a post",
      request: { params: roomId.extend({ postId: z.string().uuid() }), body: json(ReactionSchema) },
      responses: { 200: ok("Toggled", ReactionOut), 409: error("The post was deleted"), ...member },
    },
    {
      method: "delete",
      path: "/api/rooms/{roomId}/posts/{postId}",
      summary: "Delete a post (its author or the room's owner)",
      request: { params: roomId.extend({ postId: z.string().uuid() }) },
      responses: {
        200: done("Deleted"),
        403: error("Not the author or owner, or an entry Parley wrote (a meeting started or ended)"),
        ...member,
      },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/read",
      summary: "Mark the room read up to a post (its newest without post_id); the read point never moves back",
      request: { params: roomId, body: json(ReadBody) },
      responses: { 200: ok("Where the caller has read to now", ReadPointOut), 404: error("No such room or post, or not yours to see") },
    },
    {
      method: "get",
      path: "/api/invites",
      summary: "Pending invitations to my proven address",
      responses: { 200: ok("Invitations", InviteListOut) },
    },
    {
      method: "post",
      path: "/api/invites/{inviteId}/accept",
      summary: "Accept an invitation: the room appears in my rooms",
      request: { params: z.object({ inviteId: z.string().uuid() }) },
      responses: { 200: ok("Accepted", AcceptedOut), 404: error("No such invitation") },
    },
    {
      method: "post",
      path: "/api/invites/{inviteId}/decline",
      summary: "Decline an invitation: I leave the room's list",
      request: { params: z.object({ inviteId: z.string().uuid() }) },
      responses: { 200: done("Declined"), 404: error("No such invitation") },
    },
    ...membershipEndpoints(member),
  ];
}

/** Roles, leaving, handing over, invitation links and meeting removal (snake_case on the wire). */
function membershipEndpoints(member: Endpoint["responses"]): Endpoint[] {
  const person = roomId.extend({ participantId: z.string().uuid() });
  return [
    {
      method: "put",
      path: "/api/rooms/{roomId}/participants/{participantId}/role",
      summary: "Make a member who has joined a moderator, or a moderator a member (owner)",
      request: { params: person, body: json(SetRoleApiSchema) },
      responses: { 200: ok("Their new role", MemberOut), 403: error("Not the owner"), ...member },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/participants/{participantId}/invite-link",
      summary: "A fresh link to a pending invitation, to send by hand; the emailed link stops working (owner and moderators)",
      request: { params: person },
      responses: { 201: ok("The new link", InviteLinkOut), 403: error("Not allowed to share links"), ...member },
    },
    {
      method: "delete",
      path: "/api/rooms/{roomId}/meeting/participants/{participantId}",
      summary: "Take someone out of the running meeting; they stay in the room (owner and moderators)",
      request: { params: person },
      responses: {
        200: done("Removed from the meeting"),
        403: error("Not allowed"),
        ...member,
        503: error("LiveKit is not answering"),
      },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/leave",
      summary: "Leave the room (anyone but the owner, who hands it over first)",
      request: { params: roomId },
      responses: { 200: done("Left"), 403: error("The owner cannot leave"), ...member },
    },
    {
      method: "put",
      path: "/api/rooms/{roomId}/owner",
      summary: "Hand the room over to a member who has joined; the former owner becomes a moderator (owner)",
      request: { params: roomId, body: json(HandOverApiSchema) },
      responses: { 200: ok("The new owner", MemberOut), 403: error("Not the owner"), 409: error("Already handed over"), ...member },
    },
  ];
}

let document: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function openApiDocument(appUrl: string) {
  if (document) return document;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
  registry.registerComponent("securitySchemes", "cookie", { type: "apiKey", in: "cookie", name: "parley_session" });
  for (const { public: isPublic, ...endpoint } of endpoints()) {
    registry.registerPath({
      ...endpoint,
      security: isPublic ? [] : [{ bearer: [] }, { cookie: [] }],
      responses: { ...COMMON_ERRORS, ...endpoint.responses },
    });
  }
  document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: "1.0.0",
      description:
        'Rooms, posts, participants, invitations and LiveKit tokens, over the same services as the pages. Authenticate with `Authorization: Bearer <token>` from POST /api/auth/signin. Field names are snake_case. Lists are JSON arrays; the next page is in the `Link` header (RFC 8288, rel="next"). Errors are always `{ message, code, fields? }`.',
    },
    servers: [{ url: appUrl }],
  });
  return document;
}
