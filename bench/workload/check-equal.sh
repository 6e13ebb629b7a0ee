#!/usr/bin/env bash
# Koers's decisions on the peer workload equal the Python reference's, case by case.
#
#   KOERS_PEERS_DIR=/path/to/peers bash bench/workload/check-equal.sh   # 100,000 cases (seed 20261101), about a minute
#   N=1000 KOERS_PEERS_DIR=/path/to/peers bash bench/workload/check-equal.sh   # a quick sample
#
# Needs the peer harness, which is not part of this repository: KOERS_PEERS_DIR names its
# directory (gen_cases.py, reference.py, compare.py).
# Generates the cases with the harness's gen_cases.py (seeded, deterministic) into
# $DATA (default /tmp/koers-workload-N), runs reference.py and `koers advise --format jsonl`
# over the same YAML stream, maps each Koers line to a reference line (to_reference.py) and
# compares them with the peers' compare.py. Exit status 0 only when every case agrees.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
PEERS="${KOERS_PEERS_DIR:-}"
N="${N:-100000}"
SEED="${SEED:-20261101}"
DATA="${DATA:-/tmp/koers-workload-$N}"
KOERS="${KOERS:-$root/build/koers}"
JOBS="${JOBS:-2}"

command -v python3 >/dev/null || { echo "check-equal: needs python3" >&2; exit 2; }
[ -n "$PEERS" ] && [ -f "$PEERS/gen_cases.py" ] || {
  echo "check-equal: set KOERS_PEERS_DIR to the peer harness (a directory with gen_cases.py); it is not part of the repository" >&2
  exit 2
}
mkdir -p "$DATA"
if [ ! -f "$DATA/.generated-$N-$SEED" ]; then
  python3 "$PEERS/gen_cases.py" -n "$N" --seed "$SEED" --out "$DATA" >/dev/null
  python3 "$PEERS/reference.py" "$DATA/cases.jsonl" >"$DATA/expected.jsonl" 2>/dev/null
  touch "$DATA/.generated-$N-$SEED"
fi
"$KOERS" advise --format jsonl --jobs "$JOBS" --rules "$root/bench/workload" --as-of 2026-11-01 \
  "$DATA/cases.yaml" >"$DATA/koers.jsonl"
python3 "$root/bench/workload/to_reference.py" "$DATA/koers.jsonl" >"$DATA/out-koers.jsonl"
python3 "$PEERS/compare.py" "$DATA/expected.jsonl" "$DATA/out-koers.jsonl"
echo "check-equal: Koers agrees with reference.py on all $N cases"
