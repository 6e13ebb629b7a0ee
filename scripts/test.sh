#!/usr/bin/env bash
# Quick start 2: install what is missing, build, and run every test (CTest, output shown).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build_dir=${BUILD_DIR:-build}
# Only the syntax layer may see ANTLR: fail if it shows up anywhere else.
if grep -rlE 'antlr4|antlrcpp' engine tools --include='*.h' --include='*.cpp' | grep -v '^engine/syntax/'; then
  echo "test: ANTLR is visible outside engine/syntax" >&2
  exit 1
fi
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
