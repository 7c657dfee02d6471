#!/usr/bin/env bash
# Run every test suite that exists: the formatter check, ctest (native, wasm, ASan+UBSan),
# node --test tests/js/, the fuzzers for a bounded time, the packed-tarball consumers and the
# browser tests (Chromium, then Firefox and WebKit).
# Assumes scripts/setup.sh and scripts/build.sh have run (npm test does both).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

status=0
echo "== format (scripts/format.sh --check)"
bash scripts/format.sh --check || status=1

for dir in build/native build/wasm build/asan; do
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
# Fuzzing: each libFuzzer harness for RELU_FUZZ_SECONDS (default 60) from the seed corpus in
# fuzz/corpus (copied: libFuzzer writes what it finds into its first corpus folder).
if [ -x build/fuzz/fuzz_model_json ]; then
  secs="${RELU_FUZZ_SECONDS:-60}"
  for h in model_json csv; do
    work="$(mktemp -d)"
    echo "== fuzz_$h for ${secs}s"
    if build/fuzz/fuzz_$h -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/" "$work" "fuzz/corpus/$h" >"$work/log" 2>&1; then
      grep -E "^Done|stat::number_of_executed_units" "$work/log" | head -2
    else
      tail -40 "$work/log"; echo "fuzz_$h FAILED (crash input kept in $work)" >&2; status=1
    fi
  done
fi

# Real consumers of the packed tarball (Node, Vite 7, esbuild, module Worker in Chromium).
if [ -f tests/consumers/run.mjs ]; then
  echo "== consumers"
  node tests/consumers/run.mjs || status=1
fi

# Browser tests of the playground (tests/web): headless Debian chromium via playwright-core.
if [ -d tests/web ]; then
  if [ -x /usr/bin/chromium ] && [ -d node_modules/playwright-core ]; then
    echo "== node --test tests/web (playground, headless chromium)"
    node --test --test-concurrency=1 tests/web/ || status=1
  else
    echo "== tests/web: FAILED to start: needs /usr/bin/chromium and npm devDependencies (scripts/setup.sh installs both)" >&2
    status=1
  fi
fi
# The cross-engine suite (tests/engines): Debian's firefox-esr over WebDriver BiDi (puppeteer-core)
# and WebKitGTK's MiniBrowser under its own Xvfb over WebDriver (WebKitWebDriver).
if [ -d tests/engines ]; then
  if [ -x /usr/bin/firefox-esr ] && [ -x /usr/bin/WebKitWebDriver ] && [ -x /usr/bin/Xvfb ] &&
    [ -d node_modules/puppeteer-core ]; then
    echo "== node --test tests/engines (Firefox, WebKit)"
    t0=$SECONDS
    node --test --test-concurrency=1 tests/engines/ || status=1
    echo "tests/engines took $((SECONDS - t0)) s"
  else
    echo "== tests/engines: FAILED to start: needs firefox-esr, webkit2gtk-driver, xvfb and npm devDependencies (scripts/setup.sh installs them)" >&2
    status=1
  fi
fi
exit $status
