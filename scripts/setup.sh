#!/usr/bin/env bash
# Install what relu-lab needs from Debian (only what is missing), then npm deps if stale.
# Non-interactive; safe to run on every `npm run ...`. Quiet (one line) when all is present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PACKAGES=(
  g++ make cmake ninja-build clang libclang-rt-14-dev clang-format
  emscripten
  xtensor-dev xtl-dev doctest-dev nlohmann-json3-dev
  chromium
  # net.toCode's tests run the exported scripts (tests/js/export-code.test.mjs) and check their format
  python3-numpy python3-torch black
  firefox-esr webkit2gtk-driver xvfb
)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing from Debian: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo -n); fi
  export DEBIAN_FRONTEND=noninteractive
  # Wait (up to 15 min) rather than fail if another apt/dpkg holds the lock.
  APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -y -qq)
  "${APT[@]}" update </dev/null >/dev/null
  "${APT[@]}" install "${missing[@]}" </dev/null >/dev/null
  echo "setup: installed ${#missing[@]} package(s)"
else
  echo "setup: system packages present"
fi

# puppeteer-core (it drives firefox-esr in tests/engines) never downloads a browser; this makes
# sure nothing in its tree tries to either.
export PUPPETEER_SKIP_DOWNLOAD=1

# npm: only when package.json declares dependencies, and node_modules is missing or stale.
if node -e 'const p=require("./package.json");process.exit(Object.keys({...p.dependencies,...p.devDependencies,...p.optionalDependencies}).length?0:1)' 2>/dev/null; then
  stamp=node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || { [ -f package-lock.json ] && [ package-lock.json -nt "$stamp" ]; }; then
    if [ -f package-lock.json ]; then
      echo "setup: npm ci"; npm ci --no-audit --no-fund </dev/null
    else
      echo "setup: npm install"; npm install --no-audit --no-fund </dev/null
    fi
  fi
fi
