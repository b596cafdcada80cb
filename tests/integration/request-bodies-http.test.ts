import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "../support/http-client";
import { startTestServer } from "../support/test-server";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const MB = 1024 * 1024;

/**
 * Sends a chunked body (no Content-Length) of up to `maxBytes`, 16 KB at a time and only as fast
 * as the server takes it, until the server answers. Says what it answered and how much had been
 * sent by then: a server that reads the whole body first lets all of it through.
 */
function streamChunked(path: string, headers: Record<string, string>, maxBytes = 32 * MB) {
  return new Promise<{ status: number; body: string; sentBytes: number; ms: number; connection?: string }>((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(16 * 1024, "a");
    const request = http.request(`${server.url}${path}`, { method: "POST", headers: { Origin: server.url, ...headers } }, (response) => {
      answered = true;
      const sentBytes = sent;
      const parts: Buffer[] = [];
      response.on("data", (part) => parts.push(part));
      response.on("end", () =>
        resolve({
          status: response.statusCode!,
          body: Buffer.concat(parts).toString(),
          sentBytes,
          ms: Date.now() - started,
          connection: response.headers.connection,
        }),
      );
    });
    // Once the server has answered and closed, writes fail: that is the point, not an error.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const JSON_BODY = { "Content-Type": "application/json" };

describe("a chunked body past the limit gets a quick 413, and the rest is never read", () => {
  it.each([
    ["a form (sign-in)", "/auth/signin", FORM],
    ["a form (sign-up)", "/auth/signup", FORM],
    ["the JSON API", "/api/auth/signin", JSON_BODY],
    [
      "LiveKit's webhook",
      "/api/livekit/webhook",
      { "Content-Type": "application/webhook+json", Authorization: "not checked before the body" },
    ],
  ])("%s", async (_name, path, headers) => {
    const answer = await streamChunked(path, headers);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/too large/);
    expect(answer.connection).toBe("close");
    expect(answer.sentBytes).toBeLessThan(4 * MB);
    expect(answer.ms).toBeLessThan(5000);
    // The process is up and answers the next request as usual.
    expect((await rawRequest(`${server.url}/auth/signin`)).status).toBe(200);
  });

  it("a body within the limit is read as before", async () => {
    const answer = await streamChunked("/auth/signin", FORM, 32 * 1024);
    expect(answer.status).toBe(400);
  });
});

it("a Content-Length that understates the body: only the announced bytes are read as the body, and the server stays up", async () => {
  const { port } = new URL(server.url);
  const reply = await new Promise<string>((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => {
      socket.write(
        `POST /auth/signin HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\n`,
      );
      socket.write(Buffer.alloc(2 * MB, "a"), () => undefined);
    });
    const parts: Buffer[] = [];
    socket.on("data", (part) => parts.push(part));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(Buffer.concat(parts).toString("latin1")));
    setTimeout(() => socket.destroy(), 5000);
  });
  expect(reply).toMatch(/^HTTP\/1\.1 4\d\d /);
  expect(reply).not.toMatch(/HTTP\/1\.1 5\d\d /);
  expect((await rawRequest(`${server.url}/auth/signin`)).status).toBe(200);
});

it("a body within the limit that the route never reads (it refuses first) is dropped, not a reason to reset the connection", async () => {
  // Signed out, the resend-verification action redirects to sign-in before it reads its form. Were
  // the socket closed while the client is still sending the body, the client would meet EPIPE or
  // ECONNRESET instead of the redirect (the form fuzz did). So: answer, read and drop the rest of a
  // body that is within the limit, and keep the connection for the next request.
  const { port } = new URL(server.url);
  const length = 100_000;
  const replies = await new Promise<string>((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => {
      socket.write(
        `POST /auth/resend-verification HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server.url}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\npad=`,
      );
    });
    let received = "";
    let restSent = false;
    socket.on("data", (part) => {
      received += part.toString("latin1");
      if (!restSent && received.includes("\r\n\r\n")) {
        restSent = true;
        socket.write("p".repeat(length - 4));
        socket.write(`GET /auth/signin HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(received));
    setTimeout(() => socket.destroy(), 5000);
  });
  const statuses = [...replies.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
  expect(statuses).toEqual(["302", "200"]);
});

it("a declared body a little past the limit always gets its 413: the connection is not reset under the client", async () => {
  // Closing a socket that still holds unread request bytes makes the kernel reset it, and a client
  // that has not read the 413 yet loses it (a "network error"). The form fuzz met this.
  const body = `email=a%40b.test&pad=${"z".repeat(300 * 1024)}`;
  const outcomes = await Promise.all(
    Array.from({ length: 40 }, () =>
      fetch(`${server.url}/auth/signin`, {
        method: "POST",
        headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      }).then(
        (response) => String(response.status),
        (error: Error & { cause?: { code?: string } }) => `network error ${error.cause?.code ?? error.message}`,
      ),
    ),
  );
  expect(outcomes.filter((outcome) => outcome !== "413")).toEqual([]);
  expect((await rawRequest(`${server.url}/auth/signin`)).status).toBe(200);
});
