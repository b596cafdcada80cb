import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import type { MeetingSeat, MeetingVisitor } from "../../server/services/meetings";
import { getUser } from "./session.server";

/**
 * The guest pass cookie: httpOnly, and scoped by Path to the one room's pages, so it is never sent
 * anywhere else. Its value is the signed pass the meetings service issued.
 */
function guestCookie(context: AppLoadContext, roomId: string) {
  return createCookie(context.secureCookies ? "__Secure-parley_guest" : "parley_guest", {
    httpOnly: true,
    sameSite: "lax",
    secure: context.secureCookies,
    path: `/room/${roomId}`,
  });
}

export function commitGuestPassCookie(context: AppLoadContext, roomId: string, pass: { pass: string; expiresAt: Date }) {
  return guestCookie(context, roomId).serialize(pass.pass, { expires: pass.expiresAt });
}

export function clearGuestPassCookie(context: AppLoadContext, roomId: string) {
  return guestCookie(context, roomId).serialize("", { maxAge: 0 });
}

/** Who is asking to meet in this room: the signed-in member, a guest with a pass for it, or nobody. */
export async function getMeetingVisitor(request: Request, context: AppLoadContext, roomId: string | undefined): Promise<MeetingVisitor> {
  const user = await getUser(request, context);
  const raw: unknown = roomId ? await guestCookie(context, roomId).parse(request.headers.get("Cookie")) : null;
  const guestPass = await context.services.meetings.readGuestPass(typeof raw === "string" ? raw : undefined, roomId);
  return { user, guestPass };
}

/**
 * The visitor's seat, for the prep and meeting pages. Nobody signed in and no guest pass: to
 * sign-in and back. Signed in but not in the room: 404, as for a room that does not exist.
 */
export async function requireMeetingSeat(request: Request, context: AppLoadContext, roomId: string | undefined) {
  const visitor = await getMeetingVisitor(request, context, roomId);
  if (!visitor.user && !visitor.guestPass) {
    const url = new URL(request.url);
    throw redirect(`/auth/signin?${new URLSearchParams({ redirectTo: url.pathname })}`);
  }
  const seat: MeetingSeat = await context.services.meetings.seatFor(visitor, roomId);
  return { visitor, seat };
}
