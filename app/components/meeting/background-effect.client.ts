import type { LocalVideoTrack } from "livekit-client";
import {
  BackgroundProcessorWrapper,
  BackgroundTransformer,
  type BackgroundOptions,
  type SwitchBackgroundProcessorOptions,
} from "@livekit/track-processors";
import { backgroundEffectsSupported, rendersInSoftware } from "./media-capabilities.client";
import { MEDIAPIPE_ASSETS, type BackgroundChoice } from "./meeting-choices";

/**
 * MediaPipe's GPU delegate is fast on a real GPU and very slow on a software renderer, where the
 * CPU delegate does better.
 */
const segmenterDelegate = (): "GPU" | "CPU" => (rendersInSoftware() ? "CPU" : "GPU");

/** Without a GPU the effect draws at most this many frames a second, leaving the page room to work. */
const SOFTWARE_MAX_FPS = 6;

/** track-processors smooths the person's outline over 8 px, which suits 720p; smaller pictures get less. */
const MASK_BLUR_AT_720P = 8;

/**
 * LiveKit's background transformer with its mask smoothing scaled to the picture (a patch in
 * patches/ exposes the setting): the same outline at every resolution, and on a software renderer
 * the smoothing passes (2r+1 reads per pixel, twice) stop costing more than the rest of the
 * effect together. Optionally capped in frames per second.
 */
class ScaledMaskTransformer extends BackgroundTransformer {
  // Frames arriving sooner than this after the last one drawn are dropped.
  private lastFrameAt = -Infinity;

  constructor(
    options: BackgroundOptions,
    private readonly minFrameIntervalMs = 0,
  ) {
    super(options);
  }

  override async transform(frame: VideoFrame, controller: TransformStreamDefaultController<VideoFrame>) {
    const now = performance.now();
    if (now - this.lastFrameAt < this.minFrameIntervalMs) {
      frame.close();
      return;
    }
    this.lastFrameAt = now;
    await super.transform(frame, controller);
  }

  private scaleMaskBlur() {
    const height = this.canvas?.height ?? 720;
    this.gl?.setMaskBlurRadius(Math.max(1, Math.round((MASK_BLUR_AT_720P * height) / 720)));
  }

  override async init(...args: Parameters<BackgroundTransformer["init"]>) {
    await super.init(...args);
    this.scaleMaskBlur();
  }

  override async restart(...args: Parameters<BackgroundTransformer["restart"]>) {
    await super.restart(...args);
    this.scaleMaskBlur();
  }
}

function switchOptions(choice: BackgroundChoice): SwitchBackgroundProcessorOptions {
  switch (choice.kind) {
    case "none":
      return { mode: "disabled" };
    case "blur":
      return { mode: "background-blur", blurRadius: choice.blurRadius };
    case "image":
      return { mode: "virtual-background", imagePath: choice.imagePath };
  }
}

function transformerOptions(choice: BackgroundChoice): BackgroundOptions {
  switch (choice.kind) {
    case "none":
      return { backgroundDisabled: true };
    case "blur":
      return { blurRadius: choice.blurRadius };
    case "image":
      return { imagePath: choice.imagePath };
  }
}

/** A processor for the choice, from self-hosted assets; none for "no effect" or where unsupported. */
export function createBackgroundProcessor(choice: BackgroundChoice): BackgroundProcessorWrapper | undefined {
  if (choice.kind === "none" || !backgroundEffectsSupported()) return undefined;
  const transformer = new ScaledMaskTransformer(
    {
      ...transformerOptions(choice),
      assetPaths: MEDIAPIPE_ASSETS,
      segmenterOptions: { delegate: segmenterDelegate() },
    },
    rendersInSoftware() ? 1000 / SOFTWARE_MAX_FPS : 0,
  );
  return new BackgroundProcessorWrapper(transformer, "background-processor");
}

/**
 * Applies a background choice to a camera track: the processor is made once per track (loading
 * the wasm and model is the slow part) and then switched between modes in place.
 */
export async function applyBackground(track: LocalVideoTrack, choice: BackgroundChoice): Promise<void> {
  const current = track.getProcessor();
  if (current instanceof BackgroundProcessorWrapper) {
    await current.switchTo(switchOptions(choice));
    return;
  }
  const processor = createBackgroundProcessor(choice);
  if (processor) await track.setProcessor(processor);
}
