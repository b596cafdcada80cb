import { createCookie, type AppLoadContext } from "@remix-run/node";

/** A one-time notice shown on the next page (after sign-up, sign-out, a reset…). */
export interface Flash {
  kind: "success" | "info";
  message: string;
}

function flashCookie(context: AppLoadContext) {
  return createCookie("parley_flash", {
    httpOnly: true,
    sameSite: "lax",
    secure: context.secureCookies,
    path: "/",
    maxAge: 120,
    secrets: context.cookieSecrets,
  });
}

export function setFlash(context: AppLoadContext, flash: Flash) {
  return flashCookie(context).serialize(flash);
}

/** Reads the notice and returns the header that clears it. */
export async function takeFlash(request: Request, context: AppLoadContext) {
  const cookie = flashCookie(context);
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  const flash = value && typeof value === "object" && typeof (value as Flash).message === "string" ? (value as Flash) : null;
  return { flash, clear: flash ? await cookie.serialize("", { maxAge: 0 }) : null };
}
