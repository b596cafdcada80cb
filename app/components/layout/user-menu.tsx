import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useHydrated } from "remix-utils/use-hydrated";

export function initialsOf(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join("").toUpperCase();
}

const itemClass = "block w-full px-4 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none";

function Trigger({ name }: { name: string }) {
  return (
    <>
      <span
        aria-hidden="true"
        className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700"
      >
        {initialsOf(name)}
      </span>
      <span className="text-sm font-medium">{name}</span>
      <span className="sr-only">: account menu</span>
    </>
  );
}

function Items({ email, role }: { email: string; role?: "menuitem" }) {
  return (
    <>
      {role ? null : <p className="truncate px-4 py-2 text-xs text-slate-600">{email}</p>}
      <Link to="/profile" role={role} tabIndex={role ? -1 : undefined} className={itemClass}>
        Profile settings
      </Link>
      <Form method="post" action="/auth/signout">
        <button type="submit" role={role} tabIndex={role ? -1 : undefined} className={itemClass}>
          Log out
        </button>
      </Form>
    </>
  );
}

const panelClass = "absolute right-0 z-10 mt-2 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg";

/**
 * The account menu. Without JavaScript a <details> disclosure (it opens all the same); with it, a
 * menu button: arrow keys move between items, Escape closes and gives focus back to the button.
 */
export function UserMenu({ name, email }: { name: string; email: string }) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", closeOnOutsideClick);
    return () => document.removeEventListener("mousedown", closeOnOutsideClick);
  }, [open]);

  function onMenuKeyDown(event: KeyboardEvent) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(list.length - 1);
    else if (event.key === "Escape" || event.key === "Tab") {
      if (event.key === "Escape") event.preventDefault();
      setOpen(false);
      button.current?.focus();
    }
  }

  if (!hydrated) {
    return (
      <details className="relative">
        <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-100">
          <Trigger name={name} />
        </summary>
        <div className={panelClass}>
          <Items email={email} />
        </div>
      </details>
    );
  }

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        id="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="user-menu"
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className="flex items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-100"
      >
        <Trigger name={name} />
      </button>
      {open ? (
        // eslint-disable-next-line jsx-a11y/interactive-supports-focus -- focus moves between the items; their keys bubble here
        <div ref={menu} id="user-menu" role="menu" aria-labelledby="user-menu-button" onKeyDown={onMenuKeyDown} className={panelClass}>
          <Items email={email} role="menuitem" />
        </div>
      ) : null}
    </div>
  );
}
