import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The frame of the prep and meeting pages: product name, room name, the way back. */
export function MeetingLayout({
  roomName,
  backTo,
  backLabel,
  children,
  fullHeight = false,
}: {
  roomName: string;
  backTo: string;
  backLabel: string;
  children: ReactNode;
  fullHeight?: boolean;
}) {
  return (
    <div className={fullHeight ? "flex h-screen flex-col" : "min-h-screen"}>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
          <p className="min-w-0 truncate">
            <Link to="/" className="text-lg font-bold tracking-tight text-brand-700">
              Parley
            </Link>
            <span className="ml-3 text-slate-700">{roomName}</span>
          </p>
          <Link to={backTo} className="shrink-0 text-sm font-medium text-brand-700 underline">
            {backLabel}
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={fullHeight ? "flex min-h-0 flex-1 flex-col" : "mx-auto max-w-6xl px-4 py-8"}>
        {children}
      </main>
    </div>
  );
}

/** Without JavaScript there is no video: say so, and keep the way back. */
export function VideoNeedsJavaScript({ backTo, backLabel }: { backTo: string; backLabel: string }) {
  return (
    <noscript>
      <div className="rounded-xl border border-amber-300 bg-amber-50 p-6 text-amber-950">
        <h2 className="text-lg font-semibold">Video meetings need JavaScript</h2>
        <p className="mt-2">
          Your camera, microphone and the meeting itself run in the browser. Turn JavaScript on for this site and reload the page to join.
        </p>
        <p className="mt-3">
          <a href={backTo} className="font-semibold underline">
            {backLabel}
          </a>
        </p>
      </div>
    </noscript>
  );
}
