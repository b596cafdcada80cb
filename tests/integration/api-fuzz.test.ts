import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import {
  JoinBody,
  ParticipantBatchBody,
  ParticipantBody,
  PostBody,
  ResetConfirmBody,
  ResetRequestBody,
  RoomBody,
  RoomPatchBody,
  SignInBody,
  SignUpBody,
} from "../../app/api/schemas";
import { apiClient, bodyOf } from "../support/api-client";
import { tableFingerprint } from "../support/table-fingerprint";
import { TEST_LIVEKIT_ENV } from "../support/test-livekit";
import { startTestServer } from "../support/test-server";

// A contract fuzz: thousands of generated bad bodies across every endpoint that takes one. Each
// must get a 4xx (never a 5xx), and the database must be exactly as before.
let server: Awaited<ReturnType<typeof startTestServer>>;
let client: ReturnType<typeof apiClient>;
let token = "";
let roomId = "";

beforeAll(async () => {
  server = await startTestServer({ env: TEST_LIVEKIT_ENV });
  client = apiClient(server.url);
  const password = "a fuzzing passphrase";
  const signup = await client.post("/api/auth/signup", {
    username: "fuzz_owner",
    email: "fuzz.owner@example.test",
    name: "Fuzz Owner",
    password,
    confirm_password: password,
  });
  token = bodyOf(signup).token;
  roomId = bodyOf(await client.post("/api/rooms", { room_name: "Fuzzed" }, token)).id;
  await client.post(`/api/rooms/${roomId}/posts`, { message: "before the fuzz" }, token);
});
afterAll(async () => {
  await server?.close();
});

/** Every endpoint with a body, and the schema that would accept one (those bodies are not "bad"). */
const endpoints = (): Array<{ method: string; path: string; accepts: z.ZodTypeAny; auth: boolean }> => [
  { method: "POST", path: "/api/auth/signup", accepts: SignUpBody.innerType().strict(), auth: false },
  { method: "POST", path: "/api/auth/signin", accepts: SignInBody.strict(), auth: false },
  { method: "POST", path: "/api/auth/reset-password", accepts: ResetRequestBody.strict(), auth: false },
  { method: "POST", path: "/api/auth/reset-password/confirm", accepts: ResetConfirmBody.strict(), auth: false },
  { method: "POST", path: "/api/rooms", accepts: RoomBody.strict(), auth: true },
  { method: "PATCH", path: `/api/rooms/${roomId}`, accepts: RoomPatchBody, auth: true },
  {
    method: "POST",
    path: `/api/rooms/${roomId}/participants`,
    accepts: z.union([ParticipantBody.strict(), ParticipantBatchBody.strict()]),
    auth: true,
  },
  { method: "POST", path: `/api/rooms/${roomId}/join`, accepts: JoinBody.strict(), auth: true },
  { method: "POST", path: `/api/rooms/${roomId}/posts`, accepts: PostBody.strict(), auth: true },
];

const KNOWN_KEYS = [
  "username",
  "email",
  "name",
  "password",
  "confirm_password",
  "new_password",
  "token",
  "room_name",
  "description",
  "participants",
  "message",
  "invite_token",
  "display_name",
];
const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ minLength: 90, maxLength: 5000 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a@b",
    "x".repeat(101),
    "<script>alert(1)</script>",
    "'; drop table users; --",
    "\uD800",
    "😀".repeat(40),
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 60 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
/** Bodies: any JSON; objects of the endpoints' own field names with bad values; extra fields; text that is not JSON. */
const body = fc.oneof(
  fc.record({ kind: fc.constant("json" as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant("json" as const), value: fc.dictionary(fc.constantFrom(...KNOWN_KEYS), nasty, { maxKeys: 6 }) }),
  fc.record({
    kind: fc.constant("json" as const),
    value: fc.dictionary(fc.constantFrom(...KNOWN_KEYS, "role", "owner_id", "user_id", "ownerId", "__proto__", "constructor"), nasty, {
      minKeys: 1,
      maxKeys: 6,
    }),
  }),
  fc.record({ kind: fc.constant("text" as const), value: fc.string({ maxLength: 200 }) }),
);

const acceptable = (schema: z.ZodTypeAny, value: unknown) => schema.safeParse(value).success;

/**
 * Every table, as a fingerprint. `rate_limits` is left out: refused requests legitimately count
 * against limits (a well-formed sign-in with a wrong password). Sessions only by identity and
 * revocation: using one slides its `expires_at` forward.
 */
const fingerprint = () =>
  tableFingerprint(async (text) => (await server.runtime.sequelize.query(text))[0] as Array<Record<string, unknown>>, {
    except: ["rate_limits"],
    columns: { sessions: "id, user_id, user_agent, created_at, revoked_at" },
  });

it("thousands of malformed bodies across every endpoint: only 4xx, and nothing written", async () => {
  const before = await fingerprint();
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...endpoints()),
      body,
      fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain"),
      async (endpoint, input, type) => {
        if (input.kind === "json" && type !== "text/plain") fc.pre(!acceptable(endpoint.accepts, input.value));
        const raw = input.kind === "json" ? JSON.stringify(input.value) : input.value;
        const response = await client.call(endpoint.method, endpoint.path, {
          raw,
          contentType: type,
          token: endpoint.auth ? token : undefined,
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(
          response.status,
          `${endpoint.method} ${endpoint.path} ${raw.slice(0, 200)} → ${response.body.slice(0, 200)}`,
        ).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(bodyOf(response)).toMatchObject({ message: expect.any(String), code: expect.any(String) });
      },
    ),
    { numRuns: 3000, seed: Number(process.env.FUZZ_SEED ?? 20261125) },
  );
  expect(await fingerprint()).toEqual(before);
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(2500);
  console.log(`api fuzz: ${total} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
}, 240_000);
