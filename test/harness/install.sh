#!/usr/bin/env bash
# `npm run setup`: installs the npm dependencies exactly as locked. Electron's install step
# downloads its binary from GitHub; where that is impossible (a closed network) the install is
# repeated without it, and the app then runs in browser mode.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# pcsclite compiles against libpcsclite-dev, and the app talks to pcscd.
bash test/harness/system-deps.sh build run
if [[ -n "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ]]; then
  npm ci
elif ! npm ci; then
  echo "npm ci failed; retrying without Electron's binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1): npm start will use browser mode." >&2
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci
fi
