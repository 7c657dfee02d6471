#!/usr/bin/env bash
# start-time.sh — time from a fresh checkout (no build/, no dist/wasm) to the first page served,
# for what `npm start` built before issue #19 (build.sh native wasm: every engine, test and
# bench binary) and what it builds now (build.sh site: the two wasm modules the page loads).
# Each run copies the tracked files into a temporary folder, builds, serves on a free port and
# fetches index.html and the SIMD module. Prints one JSON line per variant and a ratio line.
# Usage: bash bench/start-time.sh [old|new]...   (default: both; JOBS as build.sh)
# Hazard: minutes of CPU on both cores; on a shared machine the numbers include the others' load.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(old new)

run() {
  local name=$1 targets=$2 tmp
  tmp="$(mktemp -d)"
  git ls-files -z | xargs -0 cp --parents -t "$tmp"
  local t0 t1 pid port=$((20000 + RANDOM % 20000))
  t0=$(date +%s.%N)
  (cd "$tmp" && bash scripts/build.sh $targets >/dev/null)
  (cd "$tmp" && exec node scripts/serve.mjs --port "$port" >/dev/null 2>&1) &
  pid=$!
  for _ in $(seq 1200); do
    curl -sf "http://127.0.0.1:$port/" >/dev/null &&
      curl -sf "http://127.0.0.1:$port/relu-lab/dist/wasm/relu_lab_simd.mjs" >/dev/null && break
    sleep 0.1
  done
  t1=$(date +%s.%N)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
  local s
  s=$(echo "$t1 - $t0" | bc)
  echo "{\"bench\":\"start-time\",\"variant\":\"$name\",\"build\":\"$targets\",\"seconds\":$s}"
  eval "secs_$name=$s"
}

for v in "${variants[@]}"; do
  case "$v" in
    old) run old "native wasm" ;;
    new) run new "site" ;;
    *) echo "start-time.sh: unknown variant $v (old|new)" >&2; exit 2 ;;
  esac
done
if [ -n "${secs_old:-}" ] && [ -n "${secs_new:-}" ]; then
  echo "{\"bench\":\"start-time\",\"ratio\":\"old/new\",\"value\":$(echo "scale=2; $secs_old / $secs_new" | bc)}"
fi
