#!/usr/bin/env bash
# Makes sure the Debian packages the tests use are installed: installs them when run as root,
# otherwise lists what is missing and the command that installs it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
missing=()
while read -r pkg probe; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  [[ -e "$probe" ]] || command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
done < "$here/system-packages.txt"

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ "$(id -u)" -eq 0 ]]; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  echo "(or run the tests as root, which installs them)" >&2
  exit 1
fi
