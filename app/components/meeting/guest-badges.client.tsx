import { useParticipants } from "@livekit/components-react";
import { useEffect } from "react";

/** Whether the server marked this participant a guest, in the metadata it minted into their token. */
export function isGuestByMetadata(metadata: string | undefined): boolean {
  try {
    return (JSON.parse(metadata ?? "{}") as { guest?: unknown }).guest === true;
  } catch {
    return false;
  }
}

/**
 * Shows a "Guest" badge on every tile of a guest (meeting.css draws it from `data-parley-guest`).
 * Who is a guest comes from the participant metadata the server signed, never from a typed name.
 * LiveKit's tiles carry no participant identity, so a tile is matched by the name it shows; the
 * server ends every guest's name with "(guest)" and no member's, so a member's tile never matches.
 */
export function GuestBadges({ container }: { container: React.RefObject<HTMLElement> }) {
  const participants = useParticipants();
  const guestNames = new Set(participants.filter((p) => isGuestByMetadata(p.metadata)).map((p) => p.name ?? p.identity));
  const key = [...guestNames].sort().join("\n");

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const names = new Set(key ? key.split("\n") : []);
    const mark = () => {
      for (const tile of root.querySelectorAll<HTMLElement>(".lk-participant-tile")) {
        const shown = tile.querySelector(".lk-participant-name")?.textContent?.trim() ?? "";
        const guest = names.has(shown);
        if (guest !== (tile.dataset.parleyGuest === "true")) {
          if (guest) tile.dataset.parleyGuest = "true";
          else delete tile.dataset.parleyGuest;
        }
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [container, key]);

  return null;
}
