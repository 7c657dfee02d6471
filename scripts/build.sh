#!/usr/bin/env bash
# Configure (once) and build build/native (g++) and build/wasm (em++), incrementally.
# Usage: scripts/build.sh [native|wasm|site|asan|fuzz]...   (default: native wasm)
#   site: only the two wasm modules the page serves (dist/wasm), not the test and bench binaries:
#         what `npm start` builds, so that a fresh machine serves the page sooner (issue #19)
# Env:   JOBS (default 2), RELU_SANITIZE=ON (native), RELU_WASM_LTO=OFF (wasm).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JOBS="${JOBS:-2}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(native wasm)

# Debian's em++ needs acorn from /usr/share/nodejs (also set in CMake; this covers configure).
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi

configured() { [ -f "$1/CMakeCache.txt" ]; }

for t in "${targets[@]}"; do
  case "$t" in
    native)
      if ! configured build/native; then
        cmake -S . -B build/native "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
          -DRELU_SANITIZE="${RELU_SANITIZE:-OFF}"
      fi
      cmake --build build/native -j"$JOBS"
      ;;
    wasm)
      if ! configured build/wasm; then
        emcmake cmake -S . -B build/wasm "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
          -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" \
          -DRELU_WASM_LTO="${RELU_WASM_LTO:-ON}"
      fi
      cmake --build build/wasm -j"$JOBS"
      ;;
    site)
      if ! configured build/wasm; then
        emcmake cmake -S . -B build/wasm "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
          -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" \
          -DRELU_WASM_LTO="${RELU_WASM_LTO:-ON}"
      fi
      cmake --build build/wasm -j"$JOBS" --target relu_lab_simd relu_lab_scalar
      ;;
    asan)  # native engine + doctest suite under ASan + UBSan
      if ! configured build/asan; then
        cmake -S . -B build/asan "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELU_SANITIZE=ON
      fi
      cmake --build build/asan -j"$JOBS" --target engine_tests
      ;;
    fuzz)  # libFuzzer harnesses (clang), engine instrumented for coverage
      if ! configured build/fuzz; then
        CXX=clang++ cmake -S . -B build/fuzz "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELU_FUZZ=ON
      fi
      cmake --build build/fuzz -j"$JOBS" --target fuzz_model_json fuzz_csv
      ;;
    *) echo "build.sh: unknown target '$t' (native|wasm|site|asan|fuzz)" >&2; exit 2 ;;
  esac
done
