#!/usr/bin/env bash
# The one command that runs Parley on a fresh machine: installs, builds, then serves on
# http://localhost:3000 (embedded PostgreSQL under .data/ unless DATABASE_URL is set; a local
# LiveKit server on ws://127.0.0.1:7880 unless LIVEKIT_URL is set; the development mailbox at
# /dev/mail unless an email provider is configured).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-traversable.sh
bash scripts/install-node-deps.sh
if [ -z "${LIVEKIT_URL:-}" ]; then
  # Built from source once (needs Go; a few minutes the first time), then reused from the cache.
  if LIVEKIT_SERVER_BIN="$(bash scripts/install-livekit-server.sh)"; then
    export LIVEKIT_SERVER_BIN
  else
    echo "Could not build the LiveKit server: Parley will run, but meetings need LIVEKIT_URL." >&2
  fi
fi
npm run build --silent
exec node build/server/main.js
