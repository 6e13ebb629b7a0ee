#!/usr/bin/env bash
# The library as a host program gets it: installed into a temporary prefix (cmake --install), found
# with find_package(koers) and with pkg-config, examples/embed/ built against it gives advice byte
# for byte as `koers advise --format json` (and as its text), exports only the API of koers.h, and
# installs no internal header.
#   check_embed.sh BUILD_DIR SOURCE_DIR [CMAKE CXX GENERATOR]
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
cmake=${3:-cmake}
cxx=${4:-c++}
generator=${5:-Ninja}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check_embed: $*" >&2; exit 1; }

# The two koers runs below keep their parse cache out of the home directory.
export KOERS_CACHE_DIR=$work/cache
"$cmake" --install "$build" --prefix "$work/prefix" >/dev/null
headers=$(cd "$work/prefix/include" && find . -type f | sort)
[ "$headers" = "./koers/koers.h" ] || fail "installed headers are not only koers/koers.h: $headers"
library=$(find "$work/prefix" -name 'libkoers.so' | head -1)
[ -n "$library" ] || fail "libkoers.so is not installed"
# Every symbol the library defines for others is of koers::api (the version script's job).
nm -DC --defined-only "$library" | awk '{ $1 = ""; $2 = ""; print }' | sed 's/^ *//' \
  >"$work/symbols" || fail "nm cannot read libkoers.so"
grep -q '^koers::api::RuleSet::load(' "$work/symbols" || fail "libkoers.so does not export the API"
others=$(grep -v '^koers::api::\|^typeinfo for koers::api::\|^typeinfo name for koers::api::\|^vtable for koers::api::' \
  "$work/symbols" || true)
[ -z "$others" ] || fail "libkoers.so exports more than koers::api: $(echo "$others" | head -5)"

case_file=$src/examples/gezin-0142.yaml
"$build/koers" advise --rules "$src/rules" --as-of 2026-11-01 --format json "$case_file" \
  >"$work/expected.json"
"$build/koers" advise --rules "$src/rules" --as-of 2026-11-01 "$case_file" >"$work/expected.txt"

# find_package(koers) in a CMake project of its own.
"$cmake" -S "$src/examples/embed" -B "$work/cmake-build" -G "$generator" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/cmake.log" 2>&1 ||
  { cat "$work/cmake.log"; fail "find_package(koers) failed"; }
"$cmake" --build "$work/cmake-build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
"$work/cmake-build/koers-embed" "$src/rules" "$case_file" 2026-11-01 >"$work/cmake.json"
cmp "$work/expected.json" "$work/cmake.json" || fail "the library's JSON differs from koers advise"
"$work/cmake-build/koers-embed" "$src/rules" "$case_file" 2026-11-01 --text >"$work/cmake.txt"
cmp "$work/expected.txt" "$work/cmake.txt" || fail "the library's text differs from koers advise"

# pkg-config koers, from a plain compiler command.
pc_dir=$(dirname "$(find "$work/prefix" -name koers.pc | head -1)")
flags=$(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags --libs koers)
# shellcheck disable=SC2086
"$cxx" -std=c++20 "$src/examples/embed/main.cpp" $flags -Wl,-rpath,"$(dirname "$library")" -o "$work/pc-embed"
"$work/pc-embed" "$src/rules" "$case_file" 2026-11-01 >"$work/pc.json"
cmp "$work/expected.json" "$work/pc.json" || fail "the pkg-config build's JSON differs"

# A case file with a mistake: no advice, the problem with its place and a caret, exit 1.
printf 'koers: 2\ncase_id: x\nfamily:\n  kinderen: 2\n' >"$work/bad.yaml"
if "$work/pc-embed" "$src/rules" "$work/bad.yaml" 2026-11-01 >"$work/bad.out" 2>"$work/bad.err"; then
  fail "a bad case file gave advice"
fi
[ ! -s "$work/bad.out" ] || fail "a bad case file printed half an advice"
grep -q 'bad.yaml:4:3' "$work/bad.err" || { cat "$work/bad.err"; fail "the problem lacks its place"; }
grep -q '\^' "$work/bad.err" || fail "the problem lacks its caret"
# A case file that is not there: said so, no advice.
if "$work/pc-embed" "$src/rules" "$work/missing.yaml" >"$work/missing.out" 2>&1; then
  fail "a missing case file gave advice"
fi
grep -q 'cannot be read' "$work/missing.out" || fail "a missing case file is not said to be missing"
echo "check_embed: the installed library gives koers advise's advice (CMake and pkg-config)"
