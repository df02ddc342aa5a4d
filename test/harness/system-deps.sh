#!/usr/bin/env bash
# Makes sure the Debian packages needed for PURPOSES (build, run, demo, test; default all) are
# installed: installs them when run as root, otherwise lists what is missing and how to get it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
purposes="${*:-build run demo test}"
missing=()
while read -r pkg probe needed; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  wanted=false
  for purpose in ${needed//,/ }; do
    [[ " $purposes " == *" $purpose "* ]] && wanted=true
  done
  $wanted || continue
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
  echo "(or run this as root, which installs them)" >&2
  exit 1
fi
