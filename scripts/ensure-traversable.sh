#!/usr/bin/env bash
# The embedded PostgreSQL runs as its own system user, which must be able to reach the data
# directory inside this checkout. A checkout under a private folder (mode 700, as `mktemp -d`
# makes) blocks it: give "others" search permission (x only: no listing, no reading) on each
# folder above the checkout that this user owns and that lacks it.
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)"
while [ "$dir" != "/" ]; do
  if [ -O "$dir" ] && [ "$(( $(stat -c '%a' "$dir" | sed 's/^.*\(.\)$/\1/') & 1 ))" -eq 0 ]; then
    chmod o+x "$dir"
  fi
  dir="$(dirname "$dir")"
done
