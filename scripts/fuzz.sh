#!/usr/bin/env bash
# Fuzzes Koers with libFuzzer under AddressSanitizer and UndefinedBehaviorSanitizer: the rule-file
# front end, the case loader, the policy loader, serve's request path and (differentially, against
# libyaml) the plain-YAML reader of case files, each for SECONDS (default
# 60), starting from the project's own rule files, cases, policies and raw requests. Installs clang
# and libFuzzer's runtime when missing.
# A crash leaves its input in build-fuzz/crashes/ and fails the script: add the input to
# tests/fuzz/<target>/ so that CTest replays it from then on.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. bash scripts/fuzz.sh 1800 case
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rules case policy http plain_yaml case_read)

missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash scripts/setup.sh >/dev/null  # the other build dependencies

build=build-fuzz
if [ ! -f "$build/build.ninja" ]; then
  # -g1: line tables are all a crash report needs (see scripts/setup.sh).
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" -DKOERS_FUZZ=ON -DKOERS_BUILD_TESTS=OFF -DKOERS_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}")

seeds_of() {
  case "$1" in
    rules) echo rules tests/golden/lint ;;
    case | plain_yaml | case_read) echo examples tests/cases/bad ;;
    policy) echo policies ;;
    http) ;;  # tests/fuzz/http holds raw requests
  esac
}
dict_of() {
  case "$1" in
    rules) echo fuzz/koers.dict ;;
    *) echo fuzz/yaml.dict ;;
  esac
}

mkdir -p "$build/crashes"
failed=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  echo "fuzz: $t for ${seconds}s" >&2
  # The suites' inline cases are case files too: seed the case target with them.
  if { [ "$t" = case ] || [ "$t" = plain_yaml ]; } && [ ! -f "$corpus/.seeded" ]; then
    n=0
    for f in tests/cases/*/*.suite.yaml; do cp "$f" "$corpus/suite-$((n++)).yaml"; done
    touch "$corpus/.seeded"
  fi
  set +e
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz/fuzz_$t" "$corpus" $(seeds_of "$t") tests/fuzz/"$t" \
    -dict="$(dict_of "$t")" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" \
    2>"$build/fuzz-$t.log"
  rc=$?
  set -e
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|cov: " "$build/fuzz-$t.log" | tail -3 >&2
  if [ $rc -ne 0 ]; then
    echo "fuzz: $t FOUND A PROBLEM (exit $rc); see $build/fuzz-$t.log and $build/crashes/" >&2
    tail -40 "$build/fuzz-$t.log" >&2
    failed=1
  fi
done
exit $failed
