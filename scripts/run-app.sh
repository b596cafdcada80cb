#!/usr/bin/env bash
# The one command that runs Parley on a fresh machine: installs, builds, then serves on
# http://localhost:3000 (embedded PostgreSQL under .data/ unless DATABASE_URL is set; the
# development mailbox at /dev/mail unless an email provider is configured).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-node-deps.sh
npm run build --silent
exec node build/server/main.js
