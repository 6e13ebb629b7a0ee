#!/usr/bin/env bash
# Quick start 2: install what is missing, build, and run every test (CTest, output shown).
set -euo pipefail
cd "$(dirname "$0")/.."
# The end-to-end tests of koers serve's page drive Debian's chromium (headless), with a font for
# their screenshots, from Node.js (playwright-core and axe-core from npm); only the tests need them.
# The package test (tests/unit/test_package.cpp) packs with cpack, which asks dpkg-shlibdeps
# (dpkg-dev) and file for the dependencies, rates and verifies the systemd unit (systemd) and
# reads the manual page through man (man-db).
test_missing=()
for p in chromium fonts-dejavu-core ca-certificates dpkg-dev file systemd man-db; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || test_missing+=("$p")
done
# Node.js and npm count as present when their commands are: a machine may have them from another
# source (NodeSource's nodejs bundles npm and conflicts with Debian's npm package, so asking apt for
# npm there fails with "held broken packages").
command -v node >/dev/null || test_missing+=(nodejs)
command -v npm >/dev/null || test_missing+=(npm)
if [ ${#test_missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${test_missing[@]}" >/dev/null
fi
# playwright-core and axe-core, exactly as pinned in tests/browser/package-lock.json.
if [ ! -f tests/browser/node_modules/.package-lock.json ] ||
  ! cmp -s tests/browser/package-lock.json tests/browser/node_modules/.koers-installed-from; then
  # npm trusts the system's certificate authorities, as apt and curl do: behind an organisation's
  # TLS-inspecting proxy its CA is there, not in Node.js's own list.
  cafile=()
  [ -f /etc/ssl/certs/ca-certificates.crt ] && cafile=(--cafile /etc/ssl/certs/ca-certificates.crt)
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error "${cafile[@]}" &&
    cp package-lock.json node_modules/.koers-installed-from)
fi
# Then what the product needs, configured and built (CMake finds node for the browser tests).
bash scripts/setup.sh
build_dir=${BUILD_DIR:-build}
# Only the syntax layer may see ANTLR: fail if it shows up anywhere else.
if grep -rlE 'antlr4|antlrcpp' engine tools --include='*.h' --include='*.cpp' | grep -v '^engine/syntax/'; then
  echo "test: ANTLR is visible outside engine/syntax" >&2
  exit 1
fi
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
