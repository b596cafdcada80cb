import { Link } from "@remix-run/react";
import type { PublicUser } from "../../../server/services/sessions";
import { UserMenu } from "./user-menu";

export { initialsOf } from "./user-menu";

/** The signed-in header: the product name and the account menu. */
export function AppHeader({ user }: { user: PublicUser }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
        <Link to="/home" className="text-lg font-bold tracking-tight text-brand-700">
          Parley
        </Link>
        <UserMenu name={user.name} email={user.email} />
      </div>
    </header>
  );
}
