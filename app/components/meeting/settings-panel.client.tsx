import { useLayoutContext, useMediaDeviceSelect, usePersistentUserChoices, useRoomContext } from "@livekit/components-react";
import { Track, type LocalVideoTrack } from "livekit-client";
import { useEffect, useId, useRef, useState } from "react";
import { applyBackground } from "./background-effect.client";
import { backgroundEffectsSupported } from "./media-capabilities.client";
import { backgroundById, loadBackgroundId, saveBackgroundId, saveSpeakerId } from "./meeting-choices";
import { BackgroundOptions, DeviceSelect } from "./media-pickers";

/**
 * The meeting's settings (LiveKit's settings slot in VideoConference): camera, microphone, speaker
 * and background, changed on the live tracks (a device switch, the one processor switched in
 * place) without reconnecting, and kept like the prep page's choices.
 */
export function SettingsPanel() {
  const room = useRoomContext();
  const layout = useLayoutContext();
  const open = Boolean(layout.widget.state?.showSettings);
  const heading = useRef<HTMLHeadingElement>(null);
  const { saveAudioInputDeviceId, saveVideoInputDeviceId } = usePersistentUserChoices();
  const camera = useMediaDeviceSelect({ kind: "videoinput", room });
  const microphone = useMediaDeviceSelect({ kind: "audioinput", room });
  const speaker = useMediaDeviceSelect({ kind: "audiooutput", room });
  const [backgroundId, setBackgroundId] = useState(loadBackgroundId);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { heading: useId(), camera: useId(), microphone: useId(), speaker: useId() };
  const speakersSupported = typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;

  // VideoConference shows the panel's frame a render after the layout state changes: focus once it is shown.
  useEffect(() => {
    if (!open) return;
    let frame = requestAnimationFrame(function focusWhenShown() {
      if (heading.current?.checkVisibility()) heading.current.focus();
      else frame = requestAnimationFrame(focusWhenShown);
    });
    return () => cancelAnimationFrame(frame);
  }, [open]);

  function close() {
    layout.widget.dispatch?.({ msg: "toggle_settings" });
  }

  function report(what: string) {
    return (error: unknown) => {
      console.error(`${what} failed`, error);
      setProblem(`Your ${what} could not be changed in this browser.`);
    };
  }

  function chooseBackground(id: string) {
    setBackgroundId(id);
    saveBackgroundId(id);
    setProblem(null);
    const track = room.localParticipant.getTrackPublication(Track.Source.Camera)?.track as LocalVideoTrack | undefined;
    if (track) applyBackground(track, backgroundById(id)).catch(report("background"));
  }

  return (
    <section
      aria-labelledby={ids.heading}
      className="w-full max-w-3xl rounded-xl bg-white p-5 text-left text-slate-900"
      data-testid="meeting-settings"
    >
      <div className="flex items-center justify-between gap-4">
        <h2 id={ids.heading} ref={heading} tabIndex={-1} className="text-lg font-semibold">
          Settings
        </h2>
        <button
          type="button"
          onClick={close}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100"
        >
          Close settings
        </button>
      </div>
      {problem ? (
        <p role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {problem}
        </p>
      ) : null}
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        <DeviceSelect
          id={ids.camera}
          label="Camera"
          devices={camera.devices}
          value={camera.activeDeviceId}
          onChange={(id) => {
            saveVideoInputDeviceId(id);
            camera.setActiveMediaDevice(id).catch(report("camera"));
          }}
        />
        <DeviceSelect
          id={ids.microphone}
          label="Microphone"
          devices={microphone.devices}
          value={microphone.activeDeviceId}
          onChange={(id) => {
            saveAudioInputDeviceId(id);
            microphone.setActiveMediaDevice(id).catch(report("microphone"));
          }}
        />
        {speakersSupported && speaker.devices.length > 0 ? (
          <DeviceSelect
            id={ids.speaker}
            label="Speaker"
            devices={speaker.devices}
            value={speaker.activeDeviceId}
            onChange={(id) => {
              saveSpeakerId(id);
              speaker.setActiveMediaDevice(id).catch(report("speaker"));
            }}
          />
        ) : null}
      </div>
      <fieldset className="mt-5">
        <legend className="text-base font-semibold">Background</legend>
        {backgroundEffectsSupported() ? (
          <BackgroundOptions selectedId={backgroundId} onChoose={chooseBackground} name="meeting-background" />
        ) : (
          <p className="mt-2 text-sm text-slate-700">Background effects are not supported by this browser.</p>
        )}
      </fieldset>
    </section>
  );
}
