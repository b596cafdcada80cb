#!/usr/bin/env bash
# npm packages, exactly as locked; skipped when node_modules already matches the lockfile.
set -euo pipefail
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp=node_modules/.parley-lock-hash
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then exit 0; fi
npm ci --no-audit --no-fund --loglevel=error
echo "$hash" > "$stamp"
