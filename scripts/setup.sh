#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages only), then configures and builds Koers.
# Idempotent: a second run installs nothing and rebuilds only what changed.
# Used by scripts/demo.sh and scripts/test.sh; BUILD_DIR overrides the build directory.
# Arguments name the targets to build (scripts/demo.sh: `koers` alone, for a fast first advice);
# without any, everything is built: the command, the server, the library, tests and benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config git
  default-jre-headless antlr4 libantlr4-runtime-dev   # ANTLR 4.7.2 tool (Java), 4.9 C++ runtime
  uuid-dev                                            # linked by the ANTLR runtime
  libyaml-dev libyaml-cpp-dev                         # libyaml: case files; yaml-cpp: policies
  libspdlog-dev libfmt-dev                            # logging, formatting
  libboost-test-dev                                   # Boost.Test
  libboost1.74-dev                                    # Boost.Beast and Asio (header-only): koers serve's HTTP
  nettle-dev                                          # SHA-256 (GNU Nettle)
  libssl-dev                                          # needed by cpp-httplib's headers (tests)
  libjemalloc-dev                                     # allocator for the koers binary
  nlohmann-json3-dev libcli11-dev                     # JSON output, command line
  libbenchmark-dev                                    # benchmarks
  libcpp-httplib-dev                                  # HTTP client of the koers serve tests
  cmark                                               # renders the Dutch guides koers serve shows
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=${BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ]; then
  # A first build in minutes, not ten (measured on 2 cores: `koers` alone 452 s -> 200 s):
  # - line tables only (-g1), not full debug information: stack traces, perf and the
  #   sanitizers' reports keep their file:line, and a heavy file compiles in 26 s instead of 38;
  # - a unity build: the engine's files compiled eight to a unit, so the headers they share
  #   (the standard library, nlohmann-json, fmt, spdlog) are parsed and instantiated once per
  #   unit instead of once per file. Names private to a file must therefore differ between the
  #   files of one folder (the compiler says so when they do not).
  # For a debugger's view of variables, or to build file by file, configure a directory yourself.
  fast=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8)
  if [ "${KOERS_SANITIZE:-0}" = 1 ]; then
    # AddressSanitizer + UndefinedBehaviorSanitizer over every test (no benchmarks).
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
      "${fast[@]}" -DKOERS_SANITIZE=ON -DKOERS_BUILD_BENCH=OFF >/dev/null
  else
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" "${fast[@]}" >/dev/null
  fi
fi
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j "$(nproc)" "${targets[@]}"
