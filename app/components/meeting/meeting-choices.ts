/**
 * What the prep page offers and keeps for the meeting page: background effects (and where their
 * assets live), the display name, the speaker. No LiveKit code: the pages share it freely.
 */
export type BackgroundChoice =
  | { id: "none"; label: string; kind: "none" }
  | { id: string; label: string; kind: "blur"; blurRadius: number }
  | { id: string; label: string; kind: "image"; imagePath: string; thumbnailPath: string };

const image = (id: string, label: string): BackgroundChoice => ({
  id,
  label,
  kind: "image",
  imagePath: `/backgrounds/${id}.jpg`,
  thumbnailPath: `/backgrounds/${id}-thumb.jpg`,
});

export const BACKGROUNDS: BackgroundChoice[] = [
  { id: "none", label: "No effect", kind: "none" },
  { id: "blur-light", label: "Slight blur", kind: "blur", blurRadius: 6 },
  { id: "blur-strong", label: "Strong blur", kind: "blur", blurRadius: 18 },
  image("sunrise-hills", "Sunrise hills"),
  image("ocean-horizon", "Ocean horizon"),
  image("bright-office", "Bright office"),
  image("forest-mist", "Misty forest"),
  image("soft-shapes", "Soft shapes"),
];

export const backgroundById = (id: string | null | undefined): BackgroundChoice => BACKGROUNDS.find((b) => b.id === id) ?? BACKGROUNDS[0]!;

/** Self-hosted by scripts/prepare-media-assets.mjs: no request leaves the app's origin. */
export const MEDIAPIPE_ASSETS = {
  tasksVisionFileSet: "/vendor/mediapipe/wasm",
  modelAssetPath: "/vendor/mediapipe/selfie-segmentation.tflite",
};

const BACKGROUND_KEY = "parley:background";
const SPEAKER_KEY = "parley:speaker";
const displayNameKey = (roomId: string) => `parley:display-name:${roomId}`;

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: string) {
  try {
    storage().setItem(key, value);
  } catch {
    // Private mode or storage full: the choice lasts this page only.
  }
}

const local = () => localStorage;
const session = () => sessionStorage;

/** Background and speaker outlive the page, like LiveKit's persisted device choices. */
export const loadBackgroundId = () => backgroundById(read(local, BACKGROUND_KEY)).id;
export const saveBackgroundId = (id: string) => write(local, BACKGROUND_KEY, id);
export const loadSpeakerId = () => read(local, SPEAKER_KEY) ?? "";
export const saveSpeakerId = (id: string) => write(local, SPEAKER_KEY, id);

/** The name typed on the prep page, for the meeting page of the same room (this tab only). */
export const saveDisplayName = (roomId: string, name: string) => write(session, displayNameKey(roomId), name);
export const loadDisplayName = (roomId: string) => read(session, displayNameKey(roomId));
