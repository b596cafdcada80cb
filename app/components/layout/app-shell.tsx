import { NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import type { PublicUser } from "../../../server/services/sessions";
import { shownCount } from "~/components/rooms/unread-counts";
import { AppHeader } from "./app-header";
import { VerifyEmailBanner } from "./verify-email-banner";

const links = [
  { to: "/home", label: "My rooms" },
  { to: "/invites", label: "My invites" },
  { to: "/profile", label: "Profile settings" },
];

interface Counts {
  pendingInvites?: number;
  /** Unread posts across My rooms, where the page has them (My rooms itself). */
  unreadTotal?: number;
}

function Navigation({ pendingInvites, unreadTotal }: Counts) {
  return (
    <ul className="space-y-1">
      {links.map((link) => (
        <li key={link.to}>
          <NavLink
            to={link.to}
            end
            className={({ isActive }) =>
              `flex items-center justify-between rounded-md px-3 py-2 text-sm font-medium ${
                isActive ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"
              }`
            }
          >
            {link.label}
            {link.to === "/invites" && pendingInvites ? (
              <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs text-white">
                {pendingInvites}
                <span className="sr-only"> pending</span>
              </span>
            ) : null}
            {link.to === "/home" && unreadTotal ? (
              <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs text-white">
                {shownCount(unreadTotal)}
                <span className="sr-only"> unread</span>
              </span>
            ) : null}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/**
 * The frame of every member page: header, the left navigation (behind a disclosure on narrow
 * screens, which opens without JavaScript too) and the page itself.
 */
export function AppShell({ user, pendingInvites, unreadTotal, children }: Counts & { user: PublicUser; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader user={user} />
      {user.emailVerified ? null : <VerifyEmailBanner email={user.email} />}
      <div className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        <nav aria-label="Main" className="md:w-56 md:shrink-0">
          <details className="md:hidden">
            <summary className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium">Menu</summary>
            <div className="mt-2">
              <Navigation pendingInvites={pendingInvites} unreadTotal={unreadTotal} />
            </div>
          </details>
          <div className="hidden md:block">
            <Navigation pendingInvites={pendingInvites} unreadTotal={unreadTotal} />
          </div>
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
