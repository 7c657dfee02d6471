#!/usr/bin/env bash
# The benchmark of issue #6 (`npm run bench`; assumes setup.sh and build.sh have run):
#   1. the raw engine, every flavour that is built: native, then wasm simd and scalar under node
#      (bench/engine_bench.cpp: W0 activation cost, W1, W2, W4, the C++ SIMD peak)
#   2. relu-lab through its npm API, both flavours (bench/relu_lab.mjs: load, peak, W1–W4, heap)
#   3. the peers, same workloads and timing rule (bench/peers.mjs): plain Float32Array JS,
#      ConvNetJS, TensorFlow.js on the wasm and on the cpu backend
#   4. the page in Chromium (bench/page.mjs): first painted map, fps while training with 1 and
#      4 twins, long tasks; then the peak and the facade's W2/W3 in Chromium (bench/chromium.mjs)
#   5. lab.sweep with 1 and 2 workers (bench/sweep.mjs: its own ratio line), download size per
#      flavour (bench/size.mjs)
#   6. the ratios against the issue's targets and a table (bench/report.mjs)
# JSON lines go to stdout (and build/bench/results.jsonl); "== step" headers and the table to
# stderr. About 3–4 minutes on 2 cores.
# Usage: scripts/bench.sh                 everything
#        scripts/bench.sh engine [W2]     only the raw engine benches (optionally one workload)
#        scripts/bench.sh quick           everything, shorter measurements (smoke test, ~1.5 min)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode="${1:-all}"
out=build/bench
mkdir -p "$out"
results="$out/results.jsonl"
: >"$results"

failed=()
step() { echo "== $1" >&2; }
# Run one producer; a failure is reported at the end but does not stop the other measurements.
emit() { "$@" | tee -a "$results" || { echo "bench: failed: $*" >&2; failed+=("$*"); }; }

engine() {  # engine [workload]
  local ran=0
  if [ -x build/native/engine_bench ]; then
    step "engine native"; emit build/native/engine_bench "$@"; ran=1
  fi
  for fl in simd scalar; do
    if [ -f "build/wasm/engine_bench_$fl.cjs" ]; then
      step "engine wasm-$fl"; emit node "build/wasm/engine_bench_$fl.cjs" "$@"; ran=1
    fi
  done
  [ "$ran" -eq 1 ] || echo "bench: no engine_bench built (run scripts/build.sh)" >&2
}

case "$mode" in
  engine) shift; engine "$@"; exit $(( ${#failed[@]} > 0 )) ;;
  all) secs=1 ;;
  quick) secs=0.3 ;;
  *) echo "usage: scripts/bench.sh [all|quick|engine [workload]]" >&2; exit 2 ;;
esac

if [ ! -f dist/wasm/relu_lab_simd.mjs ] || [ ! -f dist/wasm/relu_lab_scalar.mjs ]; then
  echo "bench: dist/wasm is not built (run scripts/build.sh)" >&2; exit 1
fi
if [ ! -d node_modules/convnetjs ] || [ ! -d node_modules/@tensorflow/tfjs-backend-wasm ]; then
  echo "bench: the peers are not installed (run scripts/setup.sh: npm devDependencies)" >&2; exit 1
fi

emit node bench/machine.mjs start
# The engine's own bench (quick: without W0).
if [ "$mode" = quick ]; then
  for w in peak W1 W2 W4; do engine "$w"; done
else
  engine
fi
step "relu-lab (npm API)"; emit node bench/relu_lab.mjs --seconds "$secs"
step "time travel: seek (npm API)"; emit node bench/timetravel.mjs
for peer in plainjs convnetjs tfjs-wasm tfjs-cpu; do
  step "peer $peer"; emit node bench/peers.mjs "$peer" --seconds "$secs"
done
step "page (chromium)"; emit node bench/page.mjs "$(awk "BEGIN { print ($secs < 1 ? 2 : 4) }")"
# issue #18: page.mjs also runs 6x64 and 20x8 against 3x8 (fps, longest task, Pause's latency,
# the worker's time by part); page-cpu.mjs prints the main thread's own CPU time per net
step "page main-thread CPU, 3x8 / 20x8 / 6x64 (chromium)"; emit node bench/page-cpu.mjs "$(awk "BEGIN { print ($secs < 1 ? 2 : 4) }")"
step "kernels in chromium"; emit node bench/chromium.mjs --seconds "$secs"
step "sweep (lab.sweep, 1 and 2 workers)"; emit node bench/sweep.mjs
step "page while a sweep runs (chromium)"; emit node bench/sweep-page.mjs
step "size"; emit node bench/size.mjs
emit node bench/machine.mjs end
step "ratios"; node bench/report.mjs "$results" | tee -a "$results"
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: ${#failed[@]} step(s) failed: ${failed[*]}" >&2
  exit 1
fi
