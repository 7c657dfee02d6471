#!/usr/bin/env bash
# What the Python packages of net.toCode's tests (python3-numpy, python3-torch, black) add to a
# fresh machine's `npm run setup`: apt's resolver is asked, with an empty package status (nothing
# installed), for setup.sh's packages with and without them; the difference is summed from the
# package index. Installs nothing; needs an apt index (apt-get update).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t all < <(sed -n '/^PACKAGES=(/,/^)/p' scripts/setup.sh | grep -v '^PACKAGES=(\|^)\|^ *#' | tr ' ' '\n' | grep -v '^$')
python=(python3-numpy python3-torch black)
base=()
for p in "${all[@]}"; do [[ " ${python[*]} " == *" $p "* ]] || base+=("$p"); done
resolve() { apt-get -s -o Dir::State::status=/dev/null install "$@" 2>/dev/null | awk '/^Inst /{print $2}' | sort -u; }
added=$(comm -13 <(resolve "${base[@]}") <(resolve "${base[@]}" "${python[@]}"))
n=$(wc -w <<<"$added")
# shellcheck disable=SC2086
apt-cache show --no-all-versions $added 2>/dev/null |
  awk -v n="$n" '/^Installed-Size:/{i+=$2} /^Size:/{s+=$2}
    END{printf "setup-cost: %s, %s and %s add %d Debian packages: %.0f MB to download, %.0f MB installed\n", "python3-numpy", "python3-torch", "black", n, s/1048576, i/1024}'
