import { useMediaDevices, usePersistentUserChoices } from "@livekit/components-react/hooks";
import {
  createAudioAnalyser,
  createLocalAudioTrack,
  createLocalVideoTrack,
  type LocalAudioTrack,
  type LocalVideoTrack,
} from "livekit-client";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { backgroundEffectsSupported, cameraCaptureResolution } from "./media-capabilities.client";
import {
  backgroundById,
  loadBackgroundId,
  loadDisplayName,
  loadSpeakerId,
  saveBackgroundId,
  saveDisplayName,
  saveSpeakerId,
} from "./meeting-choices";
import { BackgroundOptions, DeviceSelect } from "./media-pickers";
import { describeMediaError } from "./media-errors";
import { handOffTracks, isHandedOff } from "./track-handoff.client";

export interface PrepScreenProps {
  roomId: string;
  roomName: string;
  defaultName: string;
  onJoin(): void;
}

/**
 * The green room: camera preview with the chosen background, microphone level, devices, name.
 * Choices are kept (LiveKit's persisted user choices plus the background) for the meeting page.
 */
export default function PrepScreen({ roomId, roomName, defaultName, onJoin }: PrepScreenProps) {
  const { userChoices, saveAudioInputEnabled, saveVideoInputEnabled, saveAudioInputDeviceId, saveVideoInputDeviceId } =
    usePersistentUserChoices({
      defaults: { username: defaultName },
    });
  const [name, setName] = useState(() => loadDisplayName(roomId) ?? defaultName);
  const [nameError, setNameError] = useState<string | null>(null);
  const [backgroundId, setBackgroundId] = useState(loadBackgroundId);
  const [effectsSupported] = useState(backgroundEffectsSupported);
  // The background that could not be applied: its error shows while it is the one chosen.
  const [failedBackgroundId, setFailedBackgroundId] = useState<string | null>(null);
  const [effectApplied, setEffectApplied] = useState("none");
  const { track: videoTrack, error: cameraError } = usePreviewTrack("camera", userChoices.videoEnabled, userChoices.videoDeviceId);
  const { track: audioTrack, error: micError } = usePreviewTrack("microphone", userChoices.audioEnabled, userChoices.audioDeviceId);
  const videoElement = useRef<HTMLVideoElement>(null);
  const cameras = useMediaDevices({ kind: "videoinput" });
  const microphones = useMediaDevices({ kind: "audioinput" });
  const ids = { name: useId(), nameError: useId(), camera: useId(), microphone: useId() };

  useEffect(() => {
    const element = videoElement.current;
    if (!videoTrack || !element) return;
    videoTrack.attach(element);
    return () => void videoTrack.detach(element);
  }, [videoTrack]);

  // The background, applied live to the preview. The processors (and MediaPipe) load with the first effect chosen.
  useEffect(() => {
    if (!videoTrack || !effectsSupported) return;
    const choice = backgroundById(backgroundId);
    // A track without a processor already shows no effect.
    if (choice.kind === "none" && !videoTrack.getProcessor()) return;
    let cancelled = false;
    import("./background-effect.client")
      .then(({ applyBackground }) => applyBackground(videoTrack, choice))
      .then(() => {
        if (cancelled) return;
        setEffectApplied(choice.id);
        setFailedBackgroundId(null);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        console.error("background effect failed", error);
        setFailedBackgroundId(backgroundId);
      });
    return () => {
      cancelled = true;
    };
  }, [videoTrack, backgroundId, effectsSupported]);

  const effectError =
    failedBackgroundId === backgroundId ? "This background effect could not be started in this browser. You can join without it." : null;

  function chooseBackground(id: string) {
    setBackgroundId(id);
    saveBackgroundId(id);
  }

  function join(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("Enter the name others will see");
      return;
    }
    if (trimmed.length > 100) {
      setNameError("Names can be at most 100 characters");
      return;
    }
    saveDisplayName(roomId, trimmed);
    handOffTracks({ roomId, video: (cameraOn && videoTrack) || undefined, audio: (micOn && audioTrack) || undefined });
    onJoin();
  }

  const cameraOn = userChoices.videoEnabled;
  const micOn = userChoices.audioEnabled;

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby="preview-heading" className="min-w-0">
        <h2 id="preview-heading" className="sr-only">
          Camera preview
        </h2>
        <div className="relative aspect-video overflow-hidden rounded-2xl bg-slate-900">
          {cameraOn && videoTrack ? (
            <video
              ref={videoElement}
              muted
              playsInline
              autoPlay
              data-testid="prep-preview"
              data-effect={effectApplied}
              aria-label="Your camera, as others will see it (mirrored for you)"
              className="h-full w-full -scale-x-100 object-cover"
            />
          ) : (
            <p className="flex h-full items-center justify-center p-6 text-center text-slate-200">
              {cameraOn ? (cameraError ? "Camera unavailable" : "Starting your camera…") : "Your camera is off"}
            </p>
          )}
          <div className="absolute inset-x-0 bottom-0 flex justify-center gap-3 bg-gradient-to-t from-black/60 p-4">
            <ToggleButton on={micOn} onLabel="Microphone on" offLabel="Microphone off" onToggle={() => saveAudioInputEnabled(!micOn)} />
            <ToggleButton on={cameraOn} onLabel="Camera on" offLabel="Camera off" onToggle={() => saveVideoInputEnabled(!cameraOn)} />
          </div>
        </div>
        <div className="mt-3 space-y-2" aria-live="polite">
          {cameraError ? <Problem>{cameraError}</Problem> : null}
          {micError ? <Problem>{micError}</Problem> : null}
        </div>
        {micOn && audioTrack ? <MicrophoneLevel track={audioTrack} /> : null}

        <fieldset className="mt-6">
          <legend className="text-base font-semibold">Background</legend>
          {!effectsSupported ? (
            <p className="mt-2 text-sm text-slate-700">Background effects are not supported by this browser. You can join without them.</p>
          ) : (
            <>
              {effectError ? <Problem>{effectError}</Problem> : null}
              <BackgroundOptions selectedId={backgroundId} onChoose={chooseBackground} />
            </>
          )}
        </fieldset>
      </section>

      <section aria-labelledby="join-heading" className="min-w-0">
        <h2 id="join-heading" className="text-xl font-semibold">
          Ready to join?
        </h2>
        <p className="mt-1 text-slate-700">{roomName}</p>
        <form onSubmit={join} noValidate className="mt-6 space-y-5">
          <div>
            <label htmlFor={ids.name} className="block text-sm font-medium">
              Your name in the meeting
            </label>
            <input
              id={ids.name}
              name="displayName"
              value={name}
              maxLength={100}
              autoComplete="name"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? ids.nameError : undefined}
              onChange={(event) => {
                setName(event.target.value);
                setNameError(null);
              }}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
            />
            {nameError ? (
              <p id={ids.nameError} className="mt-1 text-sm text-red-700">
                {nameError}
              </p>
            ) : null}
          </div>
          <DeviceSelect
            id={ids.camera}
            label="Camera"
            devices={cameras}
            value={userChoices.videoDeviceId}
            onChange={saveVideoInputDeviceId}
          />
          <DeviceSelect
            id={ids.microphone}
            label="Microphone"
            devices={microphones}
            value={userChoices.audioDeviceId}
            onChange={saveAudioInputDeviceId}
          />
          <SpeakerSelect />
          <button
            type="submit"
            className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            Join
          </button>
        </form>
      </section>
    </div>
  );
}

type PreviewTrack<K> = K extends "camera" ? LocalVideoTrack : LocalAudioTrack;

/** The camera or microphone while it is on (a new track when the device changes), or why it could not start. */
function usePreviewTrack<K extends "camera" | "microphone">(kind: K, enabled: boolean, deviceId: string) {
  const [track, setTrack] = useState<PreviewTrack<K> | null>(null);
  // Why the device could not start; it shows while that device is the one chosen.
  const [failure, setFailure] = useState<{ deviceId: string; message: string } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let created: LocalVideoTrack | LocalAudioTrack | undefined;
    const id = deviceId || undefined;
    (kind === "camera"
      ? createLocalVideoTrack({ deviceId: id, resolution: cameraCaptureResolution() })
      : createLocalAudioTrack({ deviceId: id })
    )
      .then((made) => {
        created = made;
        if (cancelled) return made.stop();
        setTrack(made as PreviewTrack<K>);
        setFailure(null);
      })
      .catch((error: unknown) => !cancelled && setFailure({ deviceId, message: describeMediaError(error, kind) }));
    return () => {
      cancelled = true;
      setTrack(null);
      // A track handed to the meeting page lives on there.
      if (created && !isHandedOff(created)) void created.stopProcessor().finally(() => created?.stop());
    };
  }, [kind, enabled, deviceId]);
  return { track, error: failure?.deviceId === deviceId ? failure.message : null };
}

function ToggleButton({ on, onLabel, offLabel, onToggle }: { on: boolean; onLabel: string; offLabel: string; onToggle(): void }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={onToggle}
      className={`rounded-full px-4 py-2 text-sm font-semibold shadow focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white ${
        on ? "bg-white text-slate-900" : "bg-red-600 text-white"
      }`}
    >
      {on ? onLabel : offLabel}
    </button>
  );
}

function Problem({ children }: { children: string }) {
  return <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{children}</p>;
}

/** The microphone's level, as a native <meter> (screen readers announce it as a gauge). */
function MicrophoneLevel({ track }: { track: LocalAudioTrack }) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const { calculateVolume, cleanup } = createAudioAnalyser(track, { cloneTrack: true });
    const timer = setInterval(() => setLevel(Math.min(1, calculateVolume() * 2)), 100);
    return () => {
      clearInterval(timer);
      void cleanup();
    };
  }, [track]);
  return (
    <div className="mt-3 flex items-center gap-3 text-sm text-slate-700">
      <span id="mic-level-label">Microphone level</span>
      <meter
        aria-labelledby="mic-level-label"
        min={0}
        max={1}
        low={0.1}
        high={0.8}
        optimum={0.5}
        value={level}
        className="h-3 w-48"
        data-testid="mic-level"
      />
    </div>
  );
}

/** Speakers can be chosen only where the browser can route audio (setSinkId). */
function SpeakerSelect() {
  const id = useId();
  const supported = typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;
  const speakers = useMediaDevices({ kind: "audiooutput" });
  const [value, setValue] = useState(loadSpeakerId);
  if (!supported || speakers.length === 0) return null;
  return (
    <DeviceSelect
      id={id}
      label="Speaker"
      devices={speakers}
      value={value}
      onChange={(deviceId) => {
        setValue(deviceId);
        saveSpeakerId(deviceId);
      }}
    />
  );
}
