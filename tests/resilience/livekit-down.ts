import dgram from "node:dgram";
import net from "node:net";
import path from "node:path";
import { RoomServiceClient, TokenVerifier } from "livekit-server-sdk";
import { BENCH_PASSPHRASE, freePort, signUpForCookie, startServerProcess } from "../../bench/bench-server";
import {
  defaultLiveKitBinary,
  LOCAL_LIVEKIT_KEY,
  LOCAL_LIVEKIT_SECRET,
  startLocalLiveKit,
  type LocalLiveKit,
} from "../../server/livekit/local-server";
import { createLogger } from "../../server/logger";
import { checks, type Scenario } from "./scenario";
import { startStoppablePostgres } from "./stoppable-postgres";
import { heldInTime, waitFor } from "../support/wait-for";

/**
 * LiveKit down: with the meeting server stopped, rooms are still created, posted in and read
 * (through the forms, as a browser without JavaScript does), and asking to join answers 503 with
 * a message that says so, both on the meeting page's token request and in the JSON API. Once
 * LiveKit is back on the same address, joining works again without restarting Parley, and the
 * token it gives is one that server accepts.
 */
const JOIN_RECOVERY_TARGET_MS = 5_000;
const CREATE_TARGET_MS = 5_000;
// LiveKit's API client gives up after 3 s (server/livekit/gateway.ts).
const JOIN_DOWN_MAX_MS = 3_500;
// Join attempts count against the per-person limit (30 in 10 minutes): one a second for this long.
const DOWN_FOR_MS = 8_000;
const DOWN_MESSAGE = /meeting server is not answering right now/i;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** LiveKit takes three ports: signalling on `port`, RTC over TCP on `port + 1` and over UDP on `port + 2`. */
async function freeLiveKitPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await freePort();
    if (port + 2 < 65536 && (await canBind("tcp", port + 1)) && (await canBind("udp", port + 2))) return port;
  }
  throw new Error("found no three free ports in a row for LiveKit");
}

function canBind(protocol: "tcp" | "udp", port: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (protocol === "tcp") {
      const server = net.createServer().once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    } else {
      const socket = dgram.createSocket("udp4").once("error", () => resolve(false));
      socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
    }
  });
}

function startLiveKit(port: number) {
  return startLocalLiveKit({
    binary: process.env.LIVEKIT_SERVER_BIN ?? defaultLiveKitBinary(process.env),
    port,
    logFile: path.resolve(".data/resilience-livekit/livekit.log"),
    logger: createLogger("warn"),
  });
}

/** A form posted as a browser without JavaScript posts it (same origin, the member's cookie). */
function postForm(url: string, pathname: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

interface JoinAnswer {
  status: number;
  token?: string;
  message?: string;
}

/** The meeting page's own token request (its fetcher POSTs the form to the route's action, asking for data). */
async function joinFromMeetingPage(url: string, cookie: string, roomId: string): Promise<JoinAnswer> {
  const route = encodeURIComponent("routes/room.$roomId_.meeting");
  const response = await postForm(url, `/room/${roomId}/meeting?_data=${route}`, cookie, { displayName: "Lou" });
  const body = (await response.json().catch(() => ({}))) as { details?: { token: string }; error?: string };
  return { status: response.status, token: body.details?.token, message: body.error };
}

async function joinByApi(url: string, bearer: string, roomId: string): Promise<JoinAnswer> {
  const response = await fetch(`${url}/api/rooms/${roomId}/join`, {
    method: "POST",
    headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
    body: "{}",
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; message?: string };
  return { status: response.status, token: body.token, message: body.message };
}

export const liveKitDown: Scenario = {
  name: "livekit-down",
  async run({ quick, log }) {
    const check = checks();
    // A database of its own, so no other run stopping the shared test cluster can pull it away.
    const db = await startStoppablePostgres({ dataDir: ".data/resilience-livekit", port: await freePort() });
    const liveKitPort = await freeLiveKitPort();
    let liveKit: LocalLiveKit | undefined;
    let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
    try {
      liveKit = await startLiveKit(liveKitPort);
      server = await startServerProcess({
        databaseUrl: db.url,
        port: await freePort(),
        env: { LIVEKIT_URL: liveKit.url, LIVEKIT_API_KEY: liveKit.apiKey, LIVEKIT_API_SECRET: liveKit.apiSecret },
      });
      const { url } = server;
      const { cookie, email } = await signUpForCookie(url, `lk_${Date.now().toString(36)}`);
      const signIn = await fetch(`${url}/api/auth/signin`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, password: BENCH_PASSPHRASE }),
      });
      const bearer = ((await signIn.json()) as { token: string }).token;

      await liveKit.stop();
      liveKit = undefined;
      log(`LiveKit on port ${liveKitPort} stopped`);

      // Rooms work without LiveKit: create one, post in it, read it.
      const createStarted = Date.now();
      const created = await postForm(url, "/home/new", cookie, { name: "While LiveKit sleeps", description: "" });
      const createMs = Date.now() - createStarted;
      const roomId = /^\/room\/([^/?#]+)/.exec(created.headers.get("location") ?? "")?.[1];
      check.expect(created.status === 302 && Boolean(roomId), `creating a room while LiveKit is down answered ${created.status}`);
      check.expect(createMs <= CREATE_TARGET_MS, `creating a room while LiveKit is down took ${createMs} ms`);
      if (!roomId) return check.result("could not create a room while LiveKit was down", { createMs });

      const posted = await postForm(url, `/room/${roomId}`, cookie, { intent: "post", message: "Meeting later, talking here" });
      check.expect(posted.status === 302, `posting while LiveKit is down answered ${posted.status}`);
      const page = await fetch(`${url}/room/${roomId}`, { headers: { Cookie: cookie } });
      const pageBody = await page.text();
      check.expect(
        page.status === 200 && pageBody.includes("Meeting later, talking here"),
        `the room page while LiveKit is down: ${page.status}`,
      );
      const prep = await fetch(`${url}/room/${roomId}/prep`, { headers: { Cookie: cookie } });
      check.expect(prep.status === 200, `the meeting's prep page while LiveKit is down: ${prep.status}`);

      // Joining says clearly that the meeting server is not answering.
      const pageJoin = await joinFromMeetingPage(url, cookie, roomId);
      const apiJoin = await joinByApi(url, bearer, roomId);
      for (const [where, answer] of [
        ["the meeting page", pageJoin],
        ["the API", apiJoin],
      ] as const) {
        check.expect(answer.status === 503, `joining from ${where} while LiveKit is down answered ${answer.status} (want 503)`);
        check.expect(DOWN_MESSAGE.test(answer.message ?? ""), `joining from ${where} while LiveKit is down said "${answer.message}"`);
        check.expect(!answer.token, `joining from ${where} while LiveKit is down gave a token`);
      }
      log(`while down: room created in ${createMs} ms; join → ${pageJoin.status} "${pageJoin.message}"`);

      // The full run stays down a while, asking to join now and then: each answer stays quick and clear.
      const downJoins: Array<JoinAnswer & { ms: number }> = [];
      const downUntil = Date.now() + (quick ? 0 : DOWN_FOR_MS);
      while (Date.now() < downUntil) {
        const started = Date.now();
        downJoins.push({ ...(await joinFromMeetingPage(url, cookie, roomId)), ms: Date.now() - started });
        await sleep(1_000);
      }
      check.expect(
        downJoins.every((j) => j.status === 503 && DOWN_MESSAGE.test(j.message ?? "") && j.ms <= JOIN_DOWN_MAX_MS),
        `a join while LiveKit was down: ${JSON.stringify(downJoins.find((j) => j.status !== 503 || j.ms > JOIN_DOWN_MAX_MS))}`,
      );

      // LiveKit comes back on the same address; Parley is not restarted.
      liveKit = await startLiveKit(liveKitPort);
      const backAt = Date.now();
      let joined: JoinAnswer = { status: 0 };
      let attempts = 0;
      await heldInTime(
        waitFor(
          async () => {
            attempts += 1;
            joined = await joinByApi(url, bearer, roomId);
            return joined.status === 200;
          },
          { timeout: 15_000, interval: 250 },
        ),
      );
      const joinRecoveryMs = Date.now() - backAt;
      check.expect(
        joined.status === 200 && Boolean(joined.token),
        `joining after LiveKit returned answered ${joined.status} "${joined.message}"`,
      );
      check.expect(
        joinRecoveryMs <= JOIN_RECOVERY_TARGET_MS,
        `joining worked ${joinRecoveryMs} ms after LiveKit returned (max ${JOIN_RECOVERY_TARGET_MS})`,
      );
      const pageJoinAfter = await joinFromMeetingPage(url, cookie, roomId);
      check.expect(
        pageJoinAfter.status === 200 && Boolean(pageJoinAfter.token),
        `the meeting page's join after LiveKit returned answered ${pageJoinAfter.status}`,
      );

      // The token is one the returned server accepts, for this room, and the room exists there.
      let liveKitRoom = "";
      if (joined.token) {
        const grants = await new TokenVerifier(LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET).verify(joined.token).catch(() => null);
        liveKitRoom = grants?.video?.room ?? "";
        check.expect(
          Boolean(grants?.video?.roomJoin) && liveKitRoom.includes(roomId),
          `the token's grant: ${JSON.stringify(grants?.video)}`,
        );
        const rooms = await new RoomServiceClient(`http://127.0.0.1:${liveKitPort}`, LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET).listRooms([
          liveKitRoom,
        ]);
        check.expect(rooms.length === 1, `LiveKit does not know the room ${liveKitRoom} after the join`);
      }
      check.expect(server.process.exitCode === null && server.process.signalCode === null, "the server process exited");

      const figures = {
        createRoomMsWhileDown: createMs,
        joinStatusWhileDown: pageJoin.status,
        apiJoinStatusWhileDown: apiJoin.status,
        joinMessageWhileDown: pageJoin.message ?? "",
        joinRecoveryMs,
        joinAttemptsAfterReturn: attempts,
        joinsWhileDown: downJoins.length + 2,
        maxJoinMsWhileDown: Math.max(0, ...downJoins.map((j) => j.ms)),
      };
      return check.result(
        `room created (${createMs} ms), posted and read while LiveKit was down; joining answered ${pageJoin.status} "${pageJoin.message}"; ` +
          `joining worked ${joinRecoveryMs} ms after LiveKit returned, token accepted for ${liveKitRoom}`,
        figures,
      );
    } finally {
      await server?.stop();
      await liveKit?.stop();
      await db.close();
    }
  },
};
