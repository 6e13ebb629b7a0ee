#!/usr/bin/env bash
# Load on `koers serve` over loopback with wrk (Debian): POST /v1/advice with an example case at
# 1, 16, 64 and 256 connections, then the same with --audit (lines written and synced in groups). Prints
# throughput, p50/p99 latency and errors (non-2xx answers and socket errors) per run.
# Usage: bench/serve-load.sh [SECONDS per run (10)] [CONNECTIONS… (1 16 64 256)]
# Env: BUILD_DIR (build), CASE (examples/gezin-0142.yaml), SERVE_ARGS (extra options for serve),
#      AUDIT=0 to skip the --audit runs.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
shift || true
connections=("$@")
[ ${#connections[@]} -gt 0 ] || connections=(1 16 64 256)
build_dir=${BUILD_DIR:-build}
case_file=${CASE:-examples/gezin-0142.yaml}

if ! command -v wrk >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
[ -x "$build_dir/koers" ] || { echo "serve-load: build first (scripts/setup.sh)" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

# Starts koers serve on a free loopback port with the given extra options; sets $port.
start_server() {
  # shellcheck disable=SC2086
  "$build_dir/koers" serve --listen 127.0.0.1:0 ${SERVE_ARGS:-} "$@" >"$work/out" 2>"$work/err" &
  server_pid=$!
  for _ in $(seq 200); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/out")
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "serve-load: koers serve did not start: $(cat "$work/err")" >&2
  exit 1
}

# One wrk run; prints one table row.
run() {
  local label=$1 conns=$2 threads=2
  [ "$conns" -ge 2 ] || threads=1
  KOERS_CASE=$case_file wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s --latency \
    -s bench/serve-post.lua "http://127.0.0.1:$port" >"$work/wrk" 2>&1
  awk -v label="$label" -v conns="$conns" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /requests in/ { total = $1 }
    /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { non2xx = $NF }
    /Socket errors/ { gsub(",", ""); sock = $4 + $6 + $8 + $10 }
    END { printf "%-8s %5d  %9.0f  %8.2f  %8.2f  %9d  %8d  %8d\n", label, conns, rps, p50, p99, total, non2xx + 0, sock + 0 }
  ' "$work/wrk"
}

echo "koers serve, POST /v1/advice with $case_file, ${seconds} s per run, $(nproc) cores"
printf "%-8s %5s  %9s  %8s  %8s  %9s  %8s  %8s\n" mode conns "req/s" "p50 ms" "p99 ms" requests non-2xx "sock err"
start_server
for c in "${connections[@]}"; do run plain "$c"; done
stop_server
if [ "${AUDIT:-1}" = 1 ]; then
  start_server --audit "$work/audit.jsonl"
  for c in "${connections[@]}"; do run audit "$c"; done
  stop_server
  echo "audit lines written: $(wc -l <"$work/audit.jsonl")"
fi
