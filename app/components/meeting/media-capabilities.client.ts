/**
 * What this browser can do with the camera, without loading the background processors (LiveKit's
 * track processors and MediaPipe are a chunk of their own, fetched when an effect is wanted).
 */

let softwareRenderer: boolean | undefined;

/** Whether WebGL runs without a GPU (headless browsers, some virtual machines). */
export function rendersInSoftware(): boolean {
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
 * What `supportsBackgroundProcessors()` of @livekit/track-processors checks (WebGL 2, offscreen
 * canvases, video frames, and a way to turn frames back into a track), asked without loading it.
 */
export function backgroundEffectsSupported(): boolean {
  const frames = typeof OffscreenCanvas !== "undefined" && typeof VideoFrame !== "undefined" && typeof createImageBitmap !== "undefined";
  const output =
    ("MediaStreamTrackGenerator" in globalThis && "MediaStreamTrackProcessor" in globalThis) ||
    (typeof HTMLCanvasElement !== "undefined" && "captureStream" in HTMLCanvasElement.prototype);
  return frames && output && Boolean(document.createElement("canvas").getContext("webgl2"));
}

/**
 * The camera resolution to capture: 720p normally. Without a GPU every pixel of an effect is
 * drawn by a software renderer that the page's main thread waits for (measured on 2 cores: at
 * 640×360 a blur kept the page 100 % busy at 1.5 fps; at 320×180, with the outline smoothing
 * scaled to it and at most 6 frames a second, the page stays responsive), so there it is 320×180.
 */
export function cameraCaptureResolution() {
  return rendersInSoftware() ? { width: 320, height: 180, frameRate: 15 } : { width: 1280, height: 720, frameRate: 30 };
}
