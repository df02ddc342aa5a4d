#!/usr/bin/env bash
# `npm test`: every check and test, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
start=$(date +%s)
step() { echo; echo "=== $* ($(( $(date +%s) - start )) s)"; }

step "system packages"
bash test/harness/system-deps.sh

step "native modules for Node"
# `npm start`/`npm run dist` rebuild better-sqlite3 for Electron's ABI; tests need Node's.
node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null || npm rebuild better-sqlite3
node -e "require('pcsclite')" 2>/dev/null || npm rebuild pcsclite

step "type check"
npm run --silent typecheck

step "lint"
npm run --silent lint

step "build"
npm run --silent build

step "unit and integration tests"
npx vitest run --config test/vitest.config.ts

step "smart-card stack tests (pcscd + vpcd + virtual cards)"
npx vitest run --config test/vitest.cardstack.config.ts

step "end-to-end tests (browser mode in Chromium; Electron where installed)"
npx vitest run --config test/vitest.e2e.config.ts

step "all tests passed"
