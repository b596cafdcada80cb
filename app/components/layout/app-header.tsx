import { Form, Link } from "@remix-run/react";
import type { PublicUser } from "../../../server/services/sessions";

export function initialsOf(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join("").toUpperCase();
}

/**
 * The signed-in header: product name and the user menu. The menu is a <details> disclosure, so it
 * opens without JavaScript; sign-out is a POST form.
 */
export function AppHeader({ user }: { user: PublicUser }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
        <Link to="/home" className="text-lg font-bold tracking-tight text-brand-700">
          Parley
        </Link>
        <details className="relative">
          <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-100">
            <span aria-hidden="true" className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700">
              {initialsOf(user.name)}
            </span>
            <span className="text-sm font-medium">{user.name}</span>
            <span className="sr-only">: account menu</span>
          </summary>
          <div className="absolute right-0 z-10 mt-2 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
            <p className="truncate px-4 py-2 text-xs text-slate-600">{user.email}</p>
            <Link to="/profile" className="block px-4 py-2 text-sm hover:bg-slate-100">
              Profile settings
            </Link>
            <Form method="post" action="/auth/signout">
              <button type="submit" className="block w-full px-4 py-2 text-left text-sm hover:bg-slate-100">
                Log out
              </button>
            </Form>
          </div>
        </details>
      </div>
    </header>
  );
}
