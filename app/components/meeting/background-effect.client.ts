import type { LocalVideoTrack } from "livekit-client";
import { BackgroundProcessor, supportsBackgroundProcessors, type BackgroundProcessorWrapper } from "@livekit/track-processors";
import { MEDIAPIPE_ASSETS, type BackgroundChoice } from "./meeting-choices";

export const backgroundEffectsSupported = () => supportsBackgroundProcessors();

/**
 * MediaPipe's GPU delegate is fast on a real GPU and very slow on a software renderer (headless
 * browsers, some virtual machines), where the CPU delegate does better.
 */
function segmenterDelegate(): "GPU" | "CPU" {
  try {
    const gl = document.createElement("canvas").getContext("webgl2");
    if (!gl) return "CPU";
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return /swiftshader|llvmpipe|software/i.test(renderer) ? "CPU" : "GPU";
  } catch {
    return "CPU";
  }
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
