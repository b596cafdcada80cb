import { useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** Below Tailwind's `md`, where the members panel covers the feed instead of sitting beside it. */
const NARROW = "(max-width: 767.98px)";

/**
 * The members panel as a modal drawer on narrow screens (with JavaScript): what is behind it
 * (marked `data-behind-drawer`) is made inert, focus moves to the panel's heading, Escape closes,
 * and focus goes back to the Show members toggle when it closes.
 */
export function useMembersDrawer(closeHref: string) {
  const panelRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const [modal, setModal] = useState(false);

  useEffect(() => {
    const query = window.matchMedia(NARROW);
    const update = () => setModal(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);

  useEffect(() => {
    if (!modal) return;
    const behind = [...document.querySelectorAll<HTMLElement>("[data-behind-drawer]")];
    for (const element of behind) element.inert = true;
    panelRef.current?.querySelector<HTMLElement>("#members-heading")?.focus();
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      navigate(closeHref, { preventScrollReset: true });
    };
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("keydown", closeOnEscape);
      for (const element of behind) element.inert = false;
      requestAnimationFrame(() => document.getElementById("members-toggle")?.focus());
    };
  }, [modal, closeHref, navigate]);

  return { panelRef, modal };
}
