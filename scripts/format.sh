#!/usr/bin/env bash
# The formatter of each language, over every tracked source file of that language.
#   scripts/format.sh          rewrite the files in place
#   scripts/format.sh --check  change nothing; fail naming each file that is not formatted
# C++: clang-format (Debian's, 14) with the repo's .clang-format. JS: Prettier (devDependency)
# with .prettierrc.json, over everything .prettierignore leaves (tables opt out per statement
# with `// prettier-ignore`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mapfile -t cpp < <(git ls-files '*.cpp' '*.hpp' ':!:tests/consumers/**')
if [ "${1:-}" = --check ]; then
  clang-format --dry-run -Werror "${cpp[@]}"
  echo "format: ${#cpp[@]} C++ files formatted"
  npx --no-install prettier --check --log-level warn .
  echo "format: JS formatted (prettier)"
else
  clang-format -i "${cpp[@]}"
  npx --no-install prettier --write --log-level warn .
fi
