import type { Flash } from "~/utils/flash.server";

export function FlashNotice({ flash }: { flash: Flash | null }) {
  if (!flash) return null;
  return (
    <div
      role="status"
      className="mx-auto mt-4 max-w-md rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
    >
      {flash.message}
    </div>
  );
}
