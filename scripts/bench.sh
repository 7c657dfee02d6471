#!/usr/bin/env bash
# Run the benches that are built: native, then wasm (simd, scalar) under node.
# JSON lines go to stdout; "== <flavour>" headers go to stderr.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ran=0
run() {  # run <flavour> <cmd...>
  local name="$1"; shift
  echo "== $name" >&2
  "$@"
  ran=$((ran + 1))
}
[ -x build/native/engine_bench ] && run native build/native/engine_bench "$@"
for fl in simd scalar; do
  [ -f "build/wasm/engine_bench_$fl.cjs" ] && run "wasm-$fl" node "build/wasm/engine_bench_$fl.cjs" "$@"
done
if [ "$ran" -eq 0 ]; then
  echo "bench: no engine_bench built (add bench/*.cpp)" >&2
fi
