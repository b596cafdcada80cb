import type { LocalVideoTrack } from "livekit-client";
import { BackgroundProcessor, supportsBackgroundProcessors, type BackgroundProcessorWrapper } from "@livekit/track-processors";
import { MEDIAPIPE_ASSETS, type BackgroundChoice } from "./meeting-choices";

export const backgroundEffectsSupported = () => supportsBackgroundProcessors();

let softwareRenderer: boolean | undefined;

/** Whether WebGL runs without a GPU (headless browsers, some virtual machines). */
function rendersInSoftware(): boolean {
  if (softwareRenderer === undefined) {
    try {
      const gl = document.createElement("canvas").getContext("webgl2");
      const info = gl?.getExtension("WEBGL_debug_renderer_info");
      const renderer = gl ? String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : "";
      softwareRenderer = !gl || /swiftshader|llvmpipe|software/i.test(renderer);
    } catch {
      softwareRenderer = true;
    }
  }
  return softwareRenderer;
}

/**
 * MediaPipe's GPU delegate is fast on a real GPU and very slow on a software renderer, where the
 * CPU delegate does better.
 */
const segmenterDelegate = (): "GPU" | "CPU" => (rendersInSoftware() ? "CPU" : "GPU");

/**
 * The camera resolution to capture: 720p normally; without a GPU, where every frame of an effect
 * is drawn by the CPU on the page's main thread, 360p at 15 fps keeps the page responsive.
 */
export function cameraCaptureResolution() {
  return rendersInSoftware() ? { width: 640, height: 360, frameRate: 15 } : { width: 1280, height: 720, frameRate: 30 };
}

function switchOptions(choice: BackgroundChoice) {
  switch (choice.kind) {
    case "none":
      return { mode: "disabled" as const };
    case "blur":
      return { mode: "background-blur" as const, blurRadius: choice.blurRadius };
    case "image":
      return { mode: "virtual-background" as const, imagePath: choice.imagePath };
  }
}

/** A processor for the choice, from self-hosted assets; none for "no effect" or where unsupported. */
export function createBackgroundProcessor(choice: BackgroundChoice): BackgroundProcessorWrapper | undefined {
  if (choice.kind === "none" || !backgroundEffectsSupported()) return undefined;
  return BackgroundProcessor({
    ...switchOptions(choice),
    assetPaths: MEDIAPIPE_ASSETS,
    segmenterOptions: { delegate: segmenterDelegate() },
  });
}

/**
 * Applies a background choice to a camera track: the processor is made once per track (loading
 * the wasm and model is the slow part) and then switched between modes in place.
 */
export async function applyBackground(track: LocalVideoTrack, choice: BackgroundChoice): Promise<void> {
  const current = track.getProcessor() as BackgroundProcessorWrapper | undefined;
  if (current && "switchTo" in current) {
    await current.switchTo(switchOptions(choice));
    return;
  }
  const processor = createBackgroundProcessor(choice);
  if (processor) await track.setProcessor(processor);
}
