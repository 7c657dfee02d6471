#!/usr/bin/env bash
# Run every test suite that exists: ctest (native, then wasm), then node --test tests/js/.
# Assumes scripts/setup.sh and scripts/build.sh have run (npm test does both).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

status=0
for dir in build/native build/wasm; do
  if [ -f "$dir/CTestTestfile.cmake" ]; then
    echo "== ctest $dir"
    (cd "$dir" && ctest --output-on-failure) || status=1
  else
    echo "== $dir: not configured, skipped" >&2
  fi
done

if [ -d tests/js ]; then
  # Same naming rules as node --test's defaults: test.js, test-*.js, *.test.js, *-test.js,
  # *_test.js (and .mjs/.cjs).
  js_tests=()
  while IFS= read -r f; do
    b="$(basename "$f")"
    if [[ "$b" =~ ^test\.(m|c)?js$ || "$b" =~ ^test-.*\.(m|c)?js$ || "$b" =~ [._-]test\.(m|c)?js$ ]]; then
      js_tests+=("$f")
    fi
  done < <(find tests/js -type f -not -path '*/node_modules/*' | sort)
  if [ ${#js_tests[@]} -gt 0 ]; then
    echo "== node --test (${#js_tests[@]} file(s))"
    node --test "${js_tests[@]}" || status=1
  else
    echo "== tests/js: no test files (*.test.mjs, test-*.mjs, ...), skipped"
  fi
fi
exit $status
