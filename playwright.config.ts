import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${PORT}`;
/** The e2e app's embedded PostgreSQL, which some specs reach into (to age a token, say). */
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 5498);
/** The e2e app starts its own local LiveKit server (LIVEKIT_URL unset) on this port. */
export const E2E_LIVEKIT_PORT = Number(process.env.E2E_LIVEKIT_PORT ?? 7890);

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ],
  },
};

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 7_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: "tests/.results/playwright.json" }]],
  use: { baseURL: E2E_BASE_URL, trace: "retain-on-failure" },
  projects: [
    { name: "js", use: { ...chromium, javaScriptEnabled: true }, grepInvert: /@meeting/ },
    // Tests tagged @js-only exercise what JavaScript adds (dialogs, live updates, menus).
    { name: "no-js", use: { ...chromium, javaScriptEnabled: false }, grepInvert: /@js-only|@meeting/ },
    // A phone (390×844, touch): the role, leave, hand-over, invitation-link and reflow journeys.
    {
      name: "phone",
      use: { ...chromium, viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
      testMatch: /(room-roles|reflow)\.spec\.ts$/,
      grepInvert: /@meeting/,
    },
    // Two browsers in a video meeting, one drawing a background effect on the CPU (no GPU here),
    // need the machine's two cores to themselves: this runs after the others, alone.
    { name: "meeting", use: { ...chromium, javaScriptEnabled: true }, grep: /@meeting/, dependencies: ["js", "no-js", "phone"] },
  ],
  webServer: {
    command: "rm -rf .data/e2e && node build/server/main.js",
    url: `${E2E_BASE_URL}/auth/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "test",
      PORT: String(PORT),
      APP_URL: E2E_BASE_URL,
      DATA_DIR: ".data/e2e",
      EMBEDDED_PG_PORT: String(E2E_PG_PORT),
      LIVEKIT_PORT: String(E2E_LIVEKIT_PORT),
      ...(process.env.LIVEKIT_SERVER_BIN ? { LIVEKIT_SERVER_BIN: process.env.LIVEKIT_SERVER_BIN } : {}),
      // Each test sends its own X-Forwarded-For, so rate limits are real yet per test.
      TRUST_PROXY: "loopback",
      BCRYPT_COST: "10",
      LOG_LEVEL: "warn",
    },
  },
});
