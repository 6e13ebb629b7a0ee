#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and print advice for an example case with the
# shipped rules and the landelijk policy.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
"${BUILD_DIR:-build}/koers" advise examples/gezin-0142.yaml
