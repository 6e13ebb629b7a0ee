#!/usr/bin/env bash
# The engine's layers are enforced by the build: a layer's include root (build/layers/<layer>/)
# holds only its own folder and those of the layers it links, so an include of a layer above it
# does not compile. This checks that mechanism on real headers, both ways.
# Usage: check_layers.sh BUILD_DIR CXX
set -euo pipefail
build=$1
cxx=$2
roots=$build/layers
fail=0

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

compiles() {  # compiles LAYER... -- HEADER: whether HEADER compiles with those layers' roots only
  local flags=()
  while [ "$1" != "--" ]; do flags+=("-I$roots/$1"); shift; done
  shift
  printf '#include "%s"\n' "$1" | "$cxx" -std=c++20 -fsyntax-only "${flags[@]}" -x c++ - 2>"$errors"
}

expect_ok() {
  if compiles "$@"; then
    echo "ok: $*"
  else
    echo "FAIL: should compile: $*"
    cat "$errors"
    fail=1
  fi
}
# Refused for the right reason: the upper layer's header is not there, not some other error.
expect_refused() {
  if compiles "$@"; then
    echo "FAIL: should not compile: $*"
    fail=1
  elif grep -q "No such file or directory" "$errors"; then
    echo "ok (refused): $*"
  else
    echo "FAIL: refused, but not for want of the header: $*"
    cat "$errors"
    fail=1
  fi
}

for layer in util diag value ast schema data compile eval report api; do
  [ -L "$roots/$layer/$layer" ] || { echo "FAIL: no include root for layer $layer"; fail=1; }
done
# Downward: a layer with the roots of what it links reaches its own headers and theirs.
expect_ok value -- value/date.h
expect_ok value diag schema -- schema/schema.h
expect_ok value diag schema ast messages util compile -- compile/program.h
# Upward or sideways: refused.
expect_refused value -- eval/evaluator.h
expect_refused value diag schema -- data/case_loader.h
expect_refused value diag schema ast messages util compile -- policy/policy.h
expect_refused value diag schema ast messages util compile -- eval/context.h
# A relative include (`"../eval/x.h"`) would reach past the include roots: none in the engine.
src=$(cd "$(dirname "$0")/../.." && pwd)
if grep -rnE '#include "\.\.?/' "$src/engine" --include='*.h' --include='*.cpp'; then
  echo "FAIL: a relative include in engine/ gets past the layers' include roots"
  fail=1
else
  echo "ok: no relative includes in engine/"
fi
exit $fail
