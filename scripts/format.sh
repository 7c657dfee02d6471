#!/usr/bin/env bash
# The formatter of each language, over every tracked source file of that language.
#   scripts/format.sh          rewrite the files in place
#   scripts/format.sh --check  change nothing; fail naming each file that is not formatted
# C++: clang-format (Debian's, 14) with the repo's .clang-format. JS: Prettier (devDependency)
# with .prettierrc.json, over everything .prettierignore leaves (tables opt out per statement
# with `// prettier-ignore`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# A merge's conflict markers are valid CSS/Markdown to a formatter, but each one silently voids the
# rule after it (a whole block of web/styles.css was dropped that way once): refuse them in either mode.
if git grep -nE '^(<<<<<<<|>>>>>>>)( |$)' -- . ':!:scripts/format.sh'; then
  echo "format: merge-conflict markers above" >&2
  exit 1
fi

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
