#!/usr/bin/env bash
# The repository is self-contained: no tracked file points into the planning team's directory, which
# a user who clones the repository does not have (the product's own documents are in docs/).
#
#   bash tests/check_self_contained.sh [SOURCE_DIR]     # run by CTest as `self_contained`
#
# Lists the files with `git ls-files` in a git checkout, else walks the tree (leaving out .git and
# build trees). Exit 0 when no file refers to that directory, 1 with each `file:line: text` when
# some do, 2 when SOURCE_DIR is not a directory.
set -euo pipefail

root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
[ -d "$root" ] || { echo "check_self_contained: $root is not a directory" >&2; exit 2; }
cd "$root"

# Built from parts, so that this file does not match itself.
dir="shared"
patterns=("$dir/spec" "$dir/domain" "$dir/bench" "../$dir")
args=()
for p in "${patterns[@]}"; do args+=(-e "$p"); done

list_files() {
  if command -v git >/dev/null && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached
  else
    # A directory with a CMakeCache.txt is a build tree: generated, not part of the sources.
    find . -name .git -prune -o -type d -exec test -e '{}/CMakeCache.txt' ';' -prune -o -type f \
      -print0
  fi
}

found="$(list_files | xargs -0 -r grep -I -n -F -s "${args[@]}" -- || true)"
if [ -n "$found" ]; then
  printf '%s\n' "$found"
  echo "check_self_contained: the lines above refer to a directory that is not part of the" \
    "repository; point to docs/ instead" >&2
  exit 1
fi
echo "check_self_contained: no file refers to a directory outside the repository"
