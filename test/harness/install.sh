#!/usr/bin/env bash
# `npm run setup`: installs the npm dependencies exactly as locked, then Electron's binary.
# Since Electron 42 the package has no install script: its binary is fetched by `install-electron`
# (or on the first `require('electron')`). Where that is impossible (a closed network), or with
# ELECTRON_SKIP_BINARY_DOWNLOAD set, it is left out and the app runs in browser mode.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# pcsclite compiles against libpcsclite-dev, and the app talks to pcscd.
bash test/harness/system-deps.sh build run
npm ci
if [[ -z "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ]] && ! npx --no install-electron; then
  echo "Electron's binary could not be downloaded: npm start will use browser mode." >&2
fi
