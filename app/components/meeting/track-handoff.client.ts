import type { LocalAudioTrack, LocalVideoTrack } from "livekit-client";

/**
 * The prep page's live tracks, handed to the meeting page of the same room when the person
 * presses Join: the camera is not reopened and the background effect (whose model takes seconds
 * to load) keeps running, so joining is quick and the first frame others see already has the
 * chosen effect. Opened directly (a reload), the meeting page makes its own tracks instead.
 */
interface HandedTracks {
  roomId: string;
  video?: LocalVideoTrack;
  audio?: LocalAudioTrack;
}

let pending: HandedTracks | null = null;

const release = (tracks: HandedTracks | null) => {
  tracks?.video?.stop();
  tracks?.audio?.stop();
};

export function handOffTracks(tracks: HandedTracks) {
  if (pending && pending !== tracks) release(pending);
  pending = tracks;
}

export function isHandedOff(track: LocalVideoTrack | LocalAudioTrack | undefined): boolean {
  return Boolean(track && pending && (pending.video === track || pending.audio === track));
}

/** The tracks handed over for this room, once; anything else is released. */
export function takeHandedTracks(roomId: string): HandedTracks | null {
  const tracks = pending;
  pending = null;
  if (tracks?.roomId === roomId) return tracks;
  release(tracks);
  return null;
}
