// Renders the virtual-background scenes in assets/backgrounds/*.svg to the JPEGs under
// public/backgrounds/ (a 1280x720 image and a 160x90 thumbnail each); the background processor
// needs a raster image, so SVG cannot be served as is. Not part of the build: run it by hand with
// `node scripts/render-backgrounds.mjs` after changing a source, and commit the JPEGs.
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = path.join(root, "assets", "backgrounds");
const outDir = path.join(root, "public", "backgrounds");
const outputs = [
  { suffix: "", width: 1280, height: 720, quality: 82 },
  { suffix: "-thumb", width: 160, height: 90, quality: 80 },
];

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
try {
  const page = await browser.newPage();
  for (const file of readdirSync(sourceDir)
    .filter((f) => f.endsWith(".svg"))
    .sort()) {
    const name = path.basename(file, ".svg");
    const src = `data:image/svg+xml;base64,${readFileSync(path.join(sourceDir, file)).toString("base64")}`;
    for (const { suffix, width, height, quality } of outputs) {
      await page.setViewportSize({ width, height });
      await page.setContent(`<body style="margin:0"><img src="${src}" style="display:block;width:100vw;height:100vh">`);
      const target = path.join(outDir, `${name}${suffix}.jpg`);
      await page.screenshot({ path: target, type: "jpeg", quality });
      console.log(`${path.relative(root, target)}  ${(statSync(target).size / 1024).toFixed(1)} KB`);
    }
  }
} finally {
  await browser.close();
}
