#!/usr/bin/env bash
# The one command that runs every test: installs what it needs, lints and checks the formatting,
# builds, runs vitest (unit and integration, on a real embedded PostgreSQL and a real LiveKit server)
# and Playwright (Debian's Chromium with a fake camera and microphone, JS on and off),
# then prints their summed result as the last line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

bash scripts/ensure-traversable.sh
bash scripts/install-system-deps.sh || { echo "could not install system packages"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/install-node-deps.sh || { echo "npm install failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== lint and format check"
npm run lint --silent || { echo "lint failed (npm run lint)"; echo "0 passed, 1 failed"; exit 1; }
npm run format:check --silent || { echo "files not formatted (npm run format fixes them)"; echo "0 passed, 1 failed"; exit 1; }

# The meetings tests run against the real LiveKit server (built once, cached outside the clone).
LIVEKIT_SERVER_BIN="$(bash scripts/install-livekit-server.sh)" || { echo "could not build the LiveKit server"; echo "0 passed, 1 failed"; exit 1; }
export LIVEKIT_SERVER_BIN

mkdir -p tests/.results
rm -f tests/.results/*.json

echo "== typecheck and build"
if ! npx tsc --noEmit || ! npm run build --silent; then
  echo "typecheck or build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json=tests/.results/vitest.json
vitest_status=$?

echo "== playwright"
npx playwright test
playwright_status=$?

node scripts/test-summary.mjs tests/.results/vitest.json tests/.results/playwright.json
summary_status=$?
if [ $vitest_status -ne 0 ] || [ $playwright_status -ne 0 ] || [ $summary_status -ne 0 ]; then exit 1; fi
