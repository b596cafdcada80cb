import { useState } from "react";
import { useHydrated } from "remix-utils/use-hydrated";

/**
 * A link to pass on by hand: a read-only field (select it and copy, with or without JavaScript)
 * and, once JavaScript runs, a Copy button that says when it has copied.
 */
export function CopyLinkField({ id, label, url }: { id: string; label: string; url: string }) {
  const scriptable = useHydrated();
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);

  async function copy() {
    try {
      // Missing outside secure contexts (plain http on another host): then the field is the way.
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={id}
          type="text"
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="min-h-[2.75rem] min-w-0 flex-1 basis-56 rounded-md border border-slate-300 bg-slate-50 px-3 font-mono text-sm"
        />
        {scriptable ? (
          <button
            type="button"
            onClick={copy}
            className="min-h-[2.75rem] rounded-md border border-slate-300 bg-white px-4 text-sm font-semibold hover:bg-slate-50"
          >
            Copy link
          </button>
        ) : null}
      </div>
      <p role="status" className="mt-1 min-h-[1.25rem] text-sm text-slate-700">
        {copied === "copied" ? "Link copied." : copied === "failed" ? "Could not copy: select the link and copy it yourself." : ""}
      </p>
    </div>
  );
}
