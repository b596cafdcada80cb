// Puts the background-effect assets under public/vendor/ so the browser never fetches them from a
// CDN: the MediaPipe tasks-vision wasm of exactly the version @livekit/track-processors pins, and
// a person-segmentation model (from the npm package @mediapipe/selfie_segmentation) with the
// normalization metadata tasks-vision requires added. Runs before every build; cheap when done.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildImageModelMetadata, withModelMetadata } from "./media-assets/tflite-metadata.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const outDir = path.join(root, "public", "vendor", "mediapipe");

/** The folder of an installed package, found from its entry point (not every package exports package.json). */
function packageDir(name, requireFrom) {
  let dir = path.dirname(requireFrom.resolve(name));
  while (!existsSync(path.join(dir, "package.json")) || JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).name !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = parent;
  }
  return dir;
}
const version = (dir) => JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).version;

// The wasm must match the tasks-vision that @livekit/track-processors itself imports.
const processorsDir = packageDir("@livekit/track-processors", require);
const visionDir = packageDir("@mediapipe/tasks-vision", createRequire(path.join(processorsDir, "package.json")));
const selfieDir = path.dirname(require.resolve("@mediapipe/selfie_segmentation/package.json"));
const visionVersion = version(visionDir);
const selfieVersion = version(selfieDir);

// Fixed names: the browser code (app/components/meeting/media-assets.ts) refers to them.
const manifest = { wasmDir: "wasm", model: "selfie-segmentation.tflite", visionVersion, selfieVersion };
const stamp = createHash("sha256")
  .update(JSON.stringify(manifest))
  .update(readFileSync(new URL(import.meta.url)))
  .update(readFileSync(new URL("./media-assets/tflite-metadata.mjs", import.meta.url)))
  .digest("hex");
const stampFile = path.join(outDir, ".stamp");
if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) process.exit(0);

rmSync(outDir, { recursive: true, force: true });
const wasmOut = path.join(outDir, manifest.wasmDir);
mkdirSync(wasmOut, { recursive: true });
const wasmIn = path.join(visionDir, "wasm");
for (const file of readdirSync(wasmIn)) copyFileSync(path.join(wasmIn, file), path.join(wasmOut, file));

// The model takes RGB in [0, 1]: (pixel - 0) / 255.
const model = readFileSync(path.join(selfieDir, "selfie_segmentation.tflite"));
const metadata = buildImageModelMetadata({
  name: "Selfie segmentation",
  description: "Separates a person from the background (256x256 RGB in, one-channel mask out).",
  mean: [0],
  std: [255],
});
writeFileSync(path.join(outDir, manifest.model), withModelMetadata(new Uint8Array(model), metadata));
writeFileSync(stampFile, stamp);
console.log(`media assets: tasks-vision ${visionVersion} wasm and a segmentation model with metadata in public/vendor/mediapipe`);
