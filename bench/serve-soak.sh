#!/usr/bin/env bash
# Soak: wrk at 64 connections on `koers serve` (POST /v1/advice, loopback) for MINUTES, sampling
# the server's resident memory (RSS) every 10 s; prints the samples, then start, end and max.
# Memory is flat when the end is within a few MiB of the first sample taken under load.
# Usage: bench/serve-soak.sh [MINUTES (10)]     Env: BUILD_DIR (build), CASE, SERVE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
build_dir=${BUILD_DIR:-build}
case_file=${CASE:-examples/gezin-0142.yaml}
command -v wrk >/dev/null || { echo "serve-soak: run bench/serve-load.sh once (installs wrk)" >&2; exit 2; }

work=$(mktemp -d)
# shellcheck disable=SC2086
"$build_dir/koers" serve --listen 127.0.0.1:0 ${SERVE_ARGS:-} >"$work/out" 2>"$work/err" &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; rm -rf "$work"' EXIT
port=""
for _ in $(seq 200); do
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/out")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "serve-soak: koers serve did not start: $(cat "$work/err")" >&2; exit 1; }

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status"; }
echo "RSS before load: $(rss_kib) KiB"
KOERS_CASE=$case_file wrk -t2 -c64 -d"$((minutes * 60))s" --timeout 10s --latency \
  -s bench/serve-post.lua "http://127.0.0.1:$port" >"$work/wrk" 2>&1 &
wrk_pid=$!
samples=()
while kill -0 "$wrk_pid" 2>/dev/null; do
  sleep 10
  kill -0 "$wrk_pid" 2>/dev/null || break
  samples+=("$(rss_kib)")
  echo "$(( ${#samples[@]} * 10 )) s: RSS ${samples[-1]} KiB"
done
wait "$wrk_pid"
grep -E "requests in|Requests/sec|Non-2xx|Socket errors|^ +(50|99)%" "$work/wrk" || true
printf '%s\n' "${samples[@]}" | sort -n | tail -1 | xargs -I{} echo \
  "RSS under load: first ${samples[0]} KiB, last ${samples[-1]} KiB, max {} KiB (${#samples[@]} samples)"
kill -0 "$server_pid" && echo "server alive after the soak"
