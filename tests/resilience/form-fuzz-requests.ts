import fc from "fast-check";
import { FIELD_NAMES, FORM_ROUTES, HOSTILE_FIELD_NAMES, INTENTS, type FormRoute, type FuzzWorld } from "./form-fuzz-routes";

/** How the form reaches the server: as a browser encodes it, or broken in a way a client could break it. */
const BROKEN_ENCODINGS = [
  "text/plain",
  "json",
  "no-content-type",
  "multipart-bad-boundary",
  "multipart-no-boundary",
  "multipart-truncated",
  "invalid-utf8",
  "too-large",
] as const;
type Encoding = "urlencoded" | "multipart" | "multipart-with-file" | (typeof BROKEN_ENCODINGS)[number];

/** Where the request says it comes from. The last six are cross-site: each must be refused with 403. */
type SameSite = "origin" | "origin+fetch-metadata" | "null-origin+fetch-metadata" | "referer";
const CROSS_SITE = [
  "foreign-origin",
  "no-origin",
  "cross-site-fetch-metadata",
  "same-site-fetch-metadata",
  "null-origin",
  "foreign-referer",
] as const;
type Provenance = SameSite | (typeof CROSS_SITE)[number];

export interface FuzzRequest {
  route: FormRoute;
  /** The room id in the path, as sent (a real one, another's, or junk). */
  room: string;
  /** No-JS: a plain POST to the page. JS: Remix's fetch, naming the route in `_data`. */
  style: "no-js" | "js";
  /** JS style: the route id sent in `_data` (normally the route's own). */
  dataRoute: string;
  encoding: Encoding;
  identity: "me" | "anonymous" | "bogus-cookie";
  provenance: Provenance;
  fields: Array<[string, string]>;
}

export const isCrossSite = (request: FuzzRequest) => (CROSS_SITE as readonly string[]).includes(request.provenance);

/** A path that is not valid percent-encoding (`/room/%ZZ`): Express refuses it with 400 before any other check. */
export function hasMalformedPath(request: FuzzRequest): boolean {
  try {
    decodeURIComponent(request.route.path(request.room));
    return false;
  } catch {
    return true;
  }
}

const NASTY = [
  "",
  " ",
  "\u0000",
  "\r\n",
  "\t",
  "a@b",
  "@",
  "x".repeat(101),
  "x".repeat(1001),
  "x".repeat(4001),
  "y".repeat(70_000),
  "<script>alert(1)</script>",
  "'; drop table users; --",
  "\uD800",
  "\uFFFD",
  "😀".repeat(40),
  "e\u0301".repeat(60),
  "\u202Eevil",
  "null",
  "undefined",
  "[object Object]",
  "NaN",
  "-1",
  "1e309",
  "__proto__",
  "constructor",
  "%00",
  "%ZZ",
  "../../etc/passwd",
  "//evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "yes",
  "on",
  "true",
  "00000000-0000-0000-0000-000000000000",
  "not-a-uuid",
  // conform's intents (the `__intent__` field), well-formed and not
  '{"type":"validate","payload":{"name":"email"}}',
  '{"type":"insert","payload":{"name":"rows","defaultValue":{"email":"a@b.test","name":"A"}}}',
  '{"type":"remove","payload":{"name":"rows","index":-1}}',
  '{"type":"reorder","payload":{"name":"rows","from":0,"to":99}}',
  '{"type":"update","payload":{"name":"__proto__","value":{"polluted":true}}}',
  '{"type":"reset"}',
  "{",
  '{"type":',
];

/** Any string a form field could carry, and the app's own ids and addresses in the wrong places. */
function values(world: FuzzWorld) {
  const ids = [
    ...Object.values(world.rooms),
    ...Object.values(world.participantIds).flat(),
    ...Object.values(world.postIds).flat(),
    ...world.inviteIds,
  ];
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ minLength: 101, maxLength: 5000 }) },
    { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.constantFrom(...INTENTS) },
    { weight: 1, arbitrary: fc.emailAddress() },
    { weight: 1, arbitrary: fc.constantFrom(...world.accountEmails) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{20,100}$/) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
  );
}

const fieldNames = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...FIELD_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_FIELD_NAMES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
);

/** A body: the route's own (nearly right) fields, each kept, dropped, replaced or doubled, plus strays; or anything at all. */
function body(route: FormRoute, world: FuzzWorld) {
  const value = values(world);
  type Pairs = Array<[string, string]>;
  const mutations = route.template(world).map(([name, good]) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constant<Pairs>([[name, good]]) },
      { weight: 1, arbitrary: fc.constant<Pairs>([]) },
      { weight: 3, arbitrary: value.map((bad): Pairs => [[name, bad]]) },
      {
        weight: 1,
        arbitrary: value.map((bad): Pairs => [
          [name, good],
          [name, bad],
        ]),
      },
      {
        weight: 1,
        arbitrary: value.map((bad): Pairs => [
          [name, bad],
          [name, good],
        ]),
      },
    ),
  );
  const nearlyRight = fc
    .tuple(fc.tuple(...mutations), fc.array(fc.tuple(fieldNames, value), { maxLength: 3 }))
    .map(([kept, strays]) => [...kept.flat(), ...strays]);
  const anything = fc.array(fc.tuple(fieldNames, value), { maxLength: 10 });
  return fc.oneof({ weight: 3, arbitrary: nearlyRight }, { weight: 1, arbitrary: anything });
}

/** The /auth forms' honeypot: mostly as the page rendered it (so the body reaches validation), sometimes as a bot leaves it. */
function honeypot(world: FuzzWorld) {
  type Pairs = Array<[string, string]>;
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc.constant<Pairs>([
        ["name__confirm", ""],
        ["from__confirm", world.honeypotFrom],
      ]),
    },
    {
      weight: 1,
      arbitrary: fc.constant<Pairs>([
        ["name__confirm", "I am a bot"],
        ["from__confirm", world.honeypotFrom],
      ]),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.base64String({ maxLength: 64 }), fc.string({ maxLength: 30 })).map((junk): Pairs => [
        ["name__confirm", ""],
        ["from__confirm", junk],
      ]),
    },
    { weight: 1, arbitrary: fc.constant<Pairs>([["name__confirm", ""]]) },
    { weight: 1, arbitrary: fc.constant<Pairs>([]) },
  );
}

function rooms(world: FuzzWorld) {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(world.rooms.own, world.rooms.member, world.rooms.foreign, world.rooms.own.toUpperCase()) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "not-a-uuid",
        "%ZZ",
        "%00",
        "%2e%2e",
        "a%2Fb",
        "0",
        "-1",
        "x".repeat(300),
        "%F0%9F%98%80",
        "%uD800",
        "null",
        "'%20or%201=1",
      ),
    },
  );
}

export function fuzzRequests(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  // Pages without an action are only a check that a post to them is refused: most posts go to actions.
  const route = fc.oneof(...FORM_ROUTES.map((r) => ({ weight: r.hasAction === false ? 1 : 6, arbitrary: fc.constant(r) })));
  return route.chain((route) =>
    fc.record({
      route: fc.constant(route),
      room: route.roomScoped ? rooms(world) : fc.constant(""),
      style: fc.constantFrom("no-js" as const, "js" as const),
      dataRoute: fc.oneof(
        { weight: 9, arbitrary: fc.constant(route.routeId) },
        { weight: 1, arbitrary: fc.constantFrom("root", "routes/home", "routes/nope", "", "routes/auth.signup") },
      ),
      encoding: fc.oneof(
        { weight: 10, arbitrary: fc.constant<Encoding>("urlencoded") },
        { weight: 10, arbitrary: fc.constant<Encoding>("multipart") },
        { weight: 2, arbitrary: fc.constant<Encoding>("multipart-with-file") },
        { weight: 2, arbitrary: fc.constantFrom<Encoding>(...BROKEN_ENCODINGS) },
      ),
      identity: fc.oneof(
        { weight: 24, arbitrary: fc.constant(route.usedBy === "member" ? ("me" as const) : ("anonymous" as const)) },
        { weight: 1, arbitrary: fc.constant(route.usedBy === "member" ? ("anonymous" as const) : ("me" as const)) },
        { weight: 1, arbitrary: fc.constant("bogus-cookie" as const) },
      ),
      provenance: fc.oneof(
        { weight: 28, arbitrary: fc.constant<Provenance>("origin") },
        { weight: 12, arbitrary: fc.constant<Provenance>("origin+fetch-metadata") },
        { weight: 2, arbitrary: fc.constantFrom<Provenance>("null-origin+fetch-metadata", "referer") },
        { weight: 3, arbitrary: fc.constantFrom<Provenance>(...CROSS_SITE) },
      ),
      fields: route.honeypot ? fc.tuple(honeypot(world), body(route, world)).map(([trap, rest]) => [...trap, ...rest]) : body(route, world),
    }),
  );
}

/** The form as the server will read it (a multipart form with a file carries its first field as one). */
export function formDataOf(request: FuzzRequest): FormData {
  const form = new FormData();
  request.fields.forEach(([name, value], index) => {
    if (request.encoding === "multipart-with-file" && index === 0) form.append(name, new Blob([value], { type: "text/plain" }), "junk.txt");
    else form.append(name, value);
  });
  return form;
}

/** Whether the app could accept it: such a body is not malformed, and the fuzz leaves it out. Cross-site posts are kept: they must be refused whatever they carry. */
export function mightSucceed(request: FuzzRequest, world: FuzzWorld): boolean {
  if (isCrossSite(request)) return false;
  return request.route.mightSucceed(formDataOf(request), { signedIn: request.identity === "me", room: request.room }, world);
}

const BOGUS_SESSION = "__Host-parley_session=eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiJub3BlIn0.c2lnbmF0dXJl";

function provenanceHeaders(provenance: Provenance, url: string): Record<string, string> {
  switch (provenance) {
    case "origin":
      return { Origin: url };
    case "origin+fetch-metadata":
      return { Origin: url, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate" };
    case "null-origin+fetch-metadata":
      return { Origin: "null", "Sec-Fetch-Site": "same-origin" };
    case "referer":
      return { Referer: `${url}/home` };
    case "foreign-origin":
      return { Origin: "https://evil.example" };
    case "no-origin":
      return {};
    case "cross-site-fetch-metadata":
      return { Origin: url, "Sec-Fetch-Site": "cross-site" };
    case "same-site-fetch-metadata":
      return { Origin: url, "Sec-Fetch-Site": "same-site" };
    case "null-origin":
      return { Origin: "null" };
    case "foreign-referer":
      return { Referer: "https://evil.example/page" };
  }
}

function encodedBody(request: FuzzRequest): { body?: BodyInit; contentType?: string } {
  const urlencoded = new URLSearchParams(request.fields).toString();
  switch (request.encoding) {
    case "urlencoded":
      return { body: urlencoded, contentType: "application/x-www-form-urlencoded;charset=UTF-8" };
    case "multipart":
    case "multipart-with-file":
      return { body: formDataOf(request) }; // fetch writes the boundary
    case "text/plain":
      return { body: urlencoded, contentType: "text/plain" };
    case "json":
      return { body: JSON.stringify(Object.fromEntries(request.fields)), contentType: "application/json" };
    case "no-content-type":
      return { body: new TextEncoder().encode(urlencoded) };
    case "multipart-bad-boundary":
      return {
        body: `--other\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--other--\r\n`,
        contentType: "multipart/form-data; boundary=expected",
      };
    case "multipart-no-boundary":
      return { body: `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n`, contentType: "multipart/form-data" };
    case "multipart-truncated":
      return {
        body: `--b\r\nContent-Disposition: form-data; name="${request.fields[0]?.[0] ?? "a"}"\r\n\r\nunfinished`,
        contentType: "multipart/form-data; boundary=b",
      };
    case "invalid-utf8":
      return {
        body: Buffer.concat([Buffer.from(`${urlencoded}&x=`), Buffer.from([0xff, 0xfe, 0xc3])]),
        contentType: "application/x-www-form-urlencoded",
      };
    case "too-large":
      return { body: `${urlencoded}&pad=${"z".repeat(300 * 1024)}`, contentType: "application/x-www-form-urlencoded" };
  }
}

/** The request as fetch sends it. */
export function toFetch(request: FuzzRequest, world: FuzzWorld): { url: string; init: RequestInit } {
  const path = request.route.path(request.room);
  const query = request.style === "js" ? `?${request.route.index ? "index&" : ""}_data=${encodeURIComponent(request.dataRoute)}` : "";
  const { body, contentType } = encodedBody(request);
  const headers: Record<string, string> = {
    ...provenanceHeaders(request.provenance, world.url),
    ...(contentType ? { "Content-Type": contentType } : {}),
    ...(request.identity === "me" ? { Cookie: world.cookie } : request.identity === "bogus-cookie" ? { Cookie: BOGUS_SESSION } : {}),
  };
  return { url: `${world.url}${path}${query}`, init: { method: "POST", headers, body, redirect: "manual" } };
}

/** One line describing a request, for failure reports. */
export function describe(request: FuzzRequest): string {
  const fields = request.fields.map(([k, v]) => `${k}=${JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v)}`).join("&");
  const query = request.style === "js" ? ` _data=${request.dataRoute}` : "";
  return `${request.route.name} POST ${request.route.path(request.room).slice(0, 80)}${query} [${request.style}, ${request.encoding}, ${request.identity}, ${request.provenance}] ${fields.slice(0, 400)}`;
}
