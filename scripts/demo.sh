#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and print advice for an example case with the
# shipped rules and the landelijk policy.
set -euo pipefail
cd "$(dirname "$0")/.."
# Only what advice needs: the koers command (scripts/setup.sh without arguments builds the rest).
bash scripts/setup.sh koers
"${BUILD_DIR:-build}/koers" advise examples/gezin-0142.yaml
