import { LiveKitRoom, VideoConference, useConnectionState, usePersistentUserChoices } from "@livekit/components-react";
import { ConnectionState, DisconnectReason, Room, Track } from "livekit-client";
import { useEffect, useRef, useState } from "react";
import { createBackgroundProcessor } from "./background-effect.client";
import { cameraCaptureResolution } from "./media-capabilities.client";
import { GuestBadges } from "./guest-badges.client";
import { SettingsPanel } from "./settings-panel.client";
import { backgroundById, loadBackgroundId, loadSpeakerId } from "./meeting-choices";
import { takeHandedTracks } from "./track-handoff.client";

export interface ConnectionDetails {
  serverUrl: string;
  token: string;
}

/** Why the conference ended, when it was not the person leaving. */
export type MeetingEnd = "removed" | "ended" | "replaced" | "lost" | "failed";

export interface MeetingScreenProps {
  roomId: string;
  details: ConnectionDetails;
  /** The person pressed Leave. */
  onLeave(): void;
  onEnd(why: MeetingEnd): void;
}

function endOf(reason: DisconnectReason | undefined): MeetingEnd | "left" {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return "left";
    case DisconnectReason.PARTICIPANT_REMOVED:
      return "removed";
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return "ended";
    case DisconnectReason.DUPLICATE_IDENTITY:
      return "replaced";
    default:
      return "lost";
  }
}

/**
 * LiveKit's VideoConference (grid and focus layouts, camera, microphone, screen share, chat), with
 * the devices, on/off state and background chosen on the prep page. Coming from the prep page,
 * its live tracks are published as they are; otherwise new ones are made from the saved choices.
 */
export default function MeetingScreen({ roomId, details, onLeave, onEnd }: MeetingScreenProps) {
  const { userChoices } = usePersistentUserChoices();
  const [handed] = useState(() => takeHandedTracks(roomId));
  const [room] = useState(() => {
    const speaker = loadSpeakerId();
    return new Room({
      adaptiveStream: true,
      dynacast: true,
      videoCaptureDefaults: {
        deviceId: userChoices.videoDeviceId || undefined,
        resolution: cameraCaptureResolution(),
        processor: handed?.video ? undefined : createBackgroundProcessor(backgroundById(loadBackgroundId())),
      },
      audioCaptureDefaults: { deviceId: userChoices.audioDeviceId || undefined },
      audioOutput: speaker ? { deviceId: speaker } : undefined,
    });
  });

  const container = useRef<HTMLDivElement>(null);
  useNamesForIconButtons(container);

  async function publishHandedTracks() {
    if (handed?.video) await room.localParticipant.publishTrack(handed.video, { source: Track.Source.Camera });
    if (handed?.audio) await room.localParticipant.publishTrack(handed.audio, { source: Track.Source.Microphone });
  }

  return (
    <div ref={container} className="h-full">
      <LiveKitRoom
        room={room}
        serverUrl={details.serverUrl}
        token={details.token}
        connect
        video={handed ? false : userChoices.videoEnabled}
        audio={handed ? false : userChoices.audioEnabled}
        onConnected={() => {
          publishHandedTracks().catch((error: unknown) => console.error("publishing the prep page's tracks failed", error));
        }}
        onDisconnected={(reason) => {
          const end = endOf(reason);
          if (end === "left") onLeave();
          else onEnd(end);
        }}
        onError={(error) => {
          console.error("meeting connection failed", error);
          onEnd("failed");
        }}
        data-lk-theme="default"
        className="flex h-full min-h-0 flex-col"
      >
        <ReconnectingBanner />
        <GuestBadges container={container} />
        <VideoConference SettingsComponent={SettingsPanel} />
      </LiveKitRoom>
    </div>
  );
}

function ReconnectingBanner() {
  const state = useConnectionState();
  const message =
    state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting
      ? "Connection lost. Reconnecting…"
      : state === ConnectionState.Connecting
        ? "Connecting to the meeting…"
        : "";
  return (
    <p role="status" className={message ? "bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-950" : "sr-only"}>
      {message}
    </p>
  );
}

/**
 * LiveKit's VideoConference renders a few icon-only buttons without an accessible name (the
 * focus toggle on each tile, the device menus beside the microphone and camera buttons) and
 * offers no prop to name them. Until it does, name them as they appear.
 */
function useNamesForIconButtons(container: React.RefObject<HTMLElement>) {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const name = () => {
      for (const button of root.querySelectorAll<HTMLButtonElement>(".lk-focus-toggle-button")) {
        const person = button.closest(".lk-participant-tile")?.querySelector(".lk-participant-name")?.textContent?.trim();
        const focused = Boolean(button.closest(".lk-focused-participant"));
        const label = focused ? "Back to the grid" : person ? `Focus on ${person}` : "Focus on this participant";
        if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
      }
      for (const button of root.querySelectorAll<HTMLButtonElement>(".lk-settings-toggle")) {
        if (!button.textContent?.trim() && button.getAttribute("aria-label") !== "Settings") button.setAttribute("aria-label", "Settings");
      }
      for (const button of root.querySelectorAll<HTMLButtonElement>(".lk-button-group-menu > .lk-button-menu")) {
        const device = button.closest(".lk-button-group")?.querySelector<HTMLElement>("[data-lk-source]")?.dataset.lkSource;
        const label = device === "camera" ? "Choose camera" : device === "microphone" ? "Choose microphone" : "Choose device";
        if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
      }
    };
    name();
    const observer = new MutationObserver(name);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [container]);
}
