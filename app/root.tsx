import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, LiveReload, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { HoneypotProvider } from "remix-utils/honeypot/react";
import { GeneralErrorBoundary } from "./components/general-error-boundary";
import { FlashNotice } from "./components/layout/flash-notice";
import stylesheet from "./tailwind.css";
import { takeFlash } from "./utils/flash.server";
import { keepRetryAfter } from "./utils/headers";
import { useNonce } from "./utils/nonce";
import { commitSessionCookie, getSession } from "./utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Parley" }];

/** A 429 or 503 thrown by any route is rendered by this boundary: its Retry-After stays on the page. */
export const headers = keepRetryAfter;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await getSession(request, context);
  const { flash, clear } = await takeFlash(request, context);
  const headers = new Headers();
  if (clear) headers.append("Set-Cookie", clear);
  if (session?.renewed) headers.append("Set-Cookie", await commitSessionCookie(context, session.renewed));
  // The honeypot's fields (an encrypted timestamp each time) only matter on the public forms, under /auth.
  const publicForms = new URL(request.url).pathname.startsWith("/auth/");
  return json({ user: session?.user ?? null, flash, honeypot: publicForms ? context.honeypot.getInputProps() : undefined }, { headers });
}

/**
 * The root loader reads the session (renewing it when due) and the one-time notice: run it on
 * every navigation, so a notice never outlives the page it was meant for.
 */
export const shouldRevalidate = () => true;

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
          Skip to main content
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { flash, honeypot } = useLoaderData<typeof loader>();
  return (
    <Document>
      <HoneypotProvider {...honeypot}>
        <FlashNotice flash={flash} />
        <Outlet />
      </HoneypotProvider>
    </Document>
  );
}

export function ErrorBoundary() {
  return (
    <Document>
      <GeneralErrorBoundary />
    </Document>
  );
}
