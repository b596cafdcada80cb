import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { FeedPostOut, ReactionOut } from "./feed-schemas";
import { ReactionSchema } from "../../server/schemas/reactions";
import { PasswordResetRequestSchema, PasswordResetSchema, SignInSchema, SignUpSchema } from "../../server/schemas/auth";
import { AddParticipantsSchema } from "../../server/schemas/participants";
import { PostSchema, RoomSchema } from "../../server/schemas/rooms";
import {
  AcceptedOut,
  AddedOut,
  ErrorOut,
  InviteListOut,
  JoinBody,
  JoinOut,
  MessageOut,
  ParticipantListOut,
  PostListOut,
  PostListQuery,
  PostOut,
  RoomDetailOut,
  RoomListOut,
  RoomListQuery,
  RoomPatchBody,
  SessionOut,
} from "./schemas";

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

function endpoints(): Endpoint[] {
  const member = { 404: error("No such room, or not yours to see (the same answer)") };
  return [
    {
      method: "post",
      path: "/api/auth/signup",
      summary: "Create an account; answers with a session token",
      public: true,
      request: { body: json(SignUpSchema) },
      responses: { 201: ok("Signed up and in", SessionOut), 409: error("Email or username taken") },
    },
    {
      method: "post",
      path: "/api/auth/signin",
      summary: "Sign in; the token is bound to a session row",
      public: true,
      request: { body: json(SignInSchema) },
      responses: { 200: ok("Signed in", SessionOut) },
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
      request: { body: json(PasswordResetRequestSchema) },
      responses: { 202: ok("Accepted", MessageOut) },
    },
    {
      method: "post",
      path: "/api/auth/reset-password/confirm",
      summary: "Set a new password with the emailed token; ends every session",
      public: true,
      request: { body: json(PasswordResetSchema) },
      responses: { 204: { description: "Password changed" } },
    },
    {
      method: "get",
      path: "/api/rooms",
      summary: "My rooms, most recently active first (keyset pages)",
      request: { query: RoomListQuery },
      responses: { 200: ok("A page of rooms", RoomListOut) },
    },
    {
      method: "post",
      path: "/api/rooms",
      summary: "Create a room",
      request: { body: json(RoomSchema) },
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
      responses: { 204: { description: "Deleted" }, 403: error("Not the owner"), ...member },
    },
    {
      method: "get",
      path: "/api/rooms/{roomId}/participants",
      summary: "Everyone in the room",
      request: { params: roomId },
      responses: { 200: ok("Participants", ParticipantListOut), ...member },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/participants",
      summary: "Add and invite one person or a batch of up to 50, all or nothing (owner and moderators)",
      request: { params: roomId, body: json(z.union([AddParticipantsSchema, z.object({ email: z.string(), name: z.string() })])) },
      responses: { 201: ok("Added and invited", AddedOut), 403: error("Not allowed to add people"), ...member },
    },
    {
      method: "delete",
      path: "/api/rooms/{roomId}/participants/{participantId}",
      summary: "Remove someone (owner); also from a running meeting",
      request: { params: roomId.extend({ participantId: z.string().uuid() }) },
      responses: { 204: { description: "Removed" }, 403: error("Not the owner, or the owner themself"), ...member },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/join",
      summary: "LiveKit connection details for this room (member credentials, or an invitation's token)",
      public: true,
      request: { params: roomId, body: json(JoinBody) },
      responses: { 200: ok("Connect with these", JoinOut), ...member, 503: error("LiveKit is not answering") },
    },
    {
      method: "get",
      path: "/api/rooms/{roomId}/posts",
      summary: "Posts, newest page first, oldest first within it (keyset pages)",
      request: { params: roomId, query: PostListQuery },
      responses: { 200: ok("A page of posts", PostListOut), ...member },
    },
    {
      method: "post",
      path: "/api/rooms/{roomId}/posts",
      summary: "Post a message",
      request: { params: roomId, body: json(PostSchema) },
      responses: { 201: ok("Posted", PostOut), ...member },
    },
    {
      method: "patch",
      path: "/api/rooms/{roomId}/posts/{postId}",
      summary: "Edit my own post (the same rules as a new one); `edited_at` says when",
      request: { params: roomId.extend({ postId: z.string().uuid() }), body: json(PostSchema) },
      responses: { 200: ok("Edited", FeedPostOut), 403: error("Not its author"), 409: error("The post was deleted"), ...member },
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
      responses: { 204: { description: "Deleted" }, 403: error("Not the author or owner"), ...member },
    },
    {
      method: "get",
      path: "/api/invites",
      summary: "Pending invitations to my address",
      responses: { 200: ok("Invitations", InviteListOut) },
    },
    {
      method: "post",
      path: "/api/invites/{inviteId}/accept",
      summary: "Accept an invitation: the room appears in my rooms",
      request: { params: z.object({ inviteId: z.string().uuid() }) },
      responses: { 200: ok("Accepted", AcceptedOut), 404: error("No such invitation") },
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
        "Rooms, posts, participants, invitations and LiveKit tokens, over the same services as the pages. Authenticate with `Authorization: Bearer <token>` from POST /api/auth/signin. Errors are always `{ error: { code, message, fields? } }`.",
    },
    servers: [{ url: appUrl }],
  });
  return document;
}
