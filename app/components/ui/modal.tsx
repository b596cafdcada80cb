import { useNavigate } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * A form shown as a modal dialog over the page with JavaScript (native <dialog>: focus stays
 * inside, Escape closes, focus returns to `returnFocusTo`), and as an ordinary section of the page
 * without it. Closing navigates to `closeTo`.
 */
export function Modal({
  title,
  closeTo,
  returnFocusTo,
  children,
}: {
  title: string;
  closeTo: string;
  returnFocusTo?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const navigate = useNavigate();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (element.open) element.close();
    element.showModal();
    // Start in the first field rather than on the close link.
    element.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select")?.focus();
    const close = (event: Event) => {
      event.preventDefault();
      navigate(closeTo, { preventScrollReset: true });
    };
    element.addEventListener("cancel", close);
    return () => element.removeEventListener("cancel", close);
  }, [closeTo, navigate]);

  // When the dialog goes (its route was left), focus goes back to what opened it.
  useEffect(() => {
    if (!returnFocusTo) return;
    return () => {
      requestAnimationFrame(() => document.getElementById(returnFocusTo)?.focus());
    };
  }, [returnFocusTo]);

  return (
    <dialog
      ref={dialog}
      open
      aria-labelledby="modal-title"
      className="w-full max-w-lg rounded-xl border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-start justify-between gap-4">
        <h2 id="modal-title" className="text-xl font-semibold">
          {title}
        </h2>
        <a
          href={closeTo}
          onClick={(event) => {
            event.preventDefault();
            dialog.current?.dispatchEvent(new Event("cancel", { cancelable: true }));
          }}
          className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
        >
          Close<span className="sr-only"> this dialog</span>
        </a>
      </div>
      <div className="mt-4">{children}</div>
    </dialog>
  );
}
