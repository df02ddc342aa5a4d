#!/usr/bin/env bash
# The unit, card-stack and end-to-end suites with the machine's clock moved (Debian's faketime):
# `bash test/harness/run-shifted.sh '2027-12-31 23:30:00'` starts every process's clock there and
# lets it run. No test may depend on the day it runs; this proves it for one moment. Expects the
# build of `npm test` (dist/) to be there already.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
moment="${1:?usage: run-shifted.sh 'YYYY-MM-DD HH:MM:SS' (UTC)}"
command -v faketime >/dev/null || { echo "faketime is not installed (Debian package faketime)" >&2; exit 1; }
shifted() { faketime -f "@${moment}" "$@"; }
echo "=== the suites with the clock at ${moment} UTC (now: $(shifted date -u '+%Y-%m-%d %H:%M:%S'))"
shifted npx vitest run --config test/vitest.config.ts
shifted npx vitest run --config test/vitest.cardstack.config.ts
shifted npx vitest run --config test/vitest.e2e.config.ts
