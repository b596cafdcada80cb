#!/usr/bin/env bash
# Builds the official LiveKit server once per version with `go install` and keeps the binary
# in a cache outside the clone (so a fresh clone reuses it). Prints the binary's path.
# Neither npm nor Debian ships a LiveKit server; Go and its module proxy are on this machine.
set -euo pipefail
LIVEKIT_SERVER_VERSION="${LIVEKIT_SERVER_VERSION:-v1.13.5}"
cache_root="${PARLEY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/parley}"
target_dir="$cache_root/livekit-server/$LIVEKIT_SERVER_VERSION"
binary="$target_dir/livekit-server"

if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  for candidate in /usr/local/go/bin /usr/lib/go/bin; do
    [ -x "$candidate/go" ] && export PATH="$candidate:$PATH"
  done
fi
command -v go >/dev/null 2>&1 || { echo "Go is needed to build the LiveKit server (https://go.dev/dl/)" >&2; exit 1; }

mkdir -p "$target_dir"
build_dir="$(mktemp -d "$target_dir/.build.XXXXXX")"
trap 'rm -rf "$build_dir"' EXIT
echo "building livekit-server $LIVEKIT_SERVER_VERSION with go install (once; cached in $target_dir)" >&2
GOBIN="$build_dir" GOFLAGS="${GOFLAGS:-} -trimpath" \
  go install "github.com/livekit/livekit-server/cmd/server@$LIVEKIT_SERVER_VERSION" >&2
# `go install` names the binary after its package directory: `server`.
mv "$build_dir/server" "$binary"
echo "$binary"
