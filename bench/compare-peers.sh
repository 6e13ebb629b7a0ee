#!/usr/bin/env bash
# Koers beside its peers (CLIPS, GoRules Zen, json-rules-engine, the Python reference) on the peer
# workload, in one run on the same cases, with ratios Koers ÷ peer (below 1: Koers is faster).
#
#   KOERS_PEERS_DIR=/path/to/peers bash bench/compare-peers.sh   # N=100000, RUNS=1, all peers (~10 min)
#   N=5000 PEERS="clips-percase zen-batch" bash bench/compare-peers.sh   # a quick look
#   SKIP_PEERS=1 bash bench/compare-peers.sh          # Koers again, beside the peers' last run
#
# The peer harness is not part of this repository: KOERS_PEERS_DIR names its directory (run.sh,
# gen_cases.py, reference.py, compare.py, package.json). Not needed when $WORK already holds a
# copy from an earlier run. The peers are installed and run by its run.sh (CLIPS from Debian, Zen and
# json-rules-engine from npm) in a scratch copy ($WORK, default /tmp/koers-peers); it checks every
# peer against reference.py. Koers is then run on the same data/cases.yaml:
#   eval     evaluation only, cases already in memory, no explanation trace (bench_workload)
#   process  `koers advise --format jsonl --jobs 1` over the YAML stream: start-up, rules,
#            parsing, evaluation and the full JSON advice per case, on one core like the peers
# and its decisions are checked against the reference too. Not part of the CI tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
PEERS_DIR="${KOERS_PEERS_DIR:-}"
WORK="${WORK:-/tmp/koers-peers}"
N="${N:-100000}"
RUNS="${RUNS:-1}"
PEERS="${PEERS:-reference clips-batch clips-percase zen-seq zen-batch jre}"
KOERS="$root/build/koers"
BENCH="$root/build/bench/bench_workload"

log() { printf '[compare-peers] %s\n' "$*" >&2; }

[ -x "$KOERS" ] && [ -x "$BENCH" ] || { log "build first: bash scripts/setup.sh"; exit 2; }
if [ ! -d "$WORK" ]; then
  [ -n "$PEERS_DIR" ] && [ -f "$PEERS_DIR/run.sh" ] || {
    log "set KOERS_PEERS_DIR to the peer harness (a directory with run.sh); it is not part of the repository"
    exit 2
  }
  cp -r "$PEERS_DIR" "$WORK"
  rm -rf "$WORK/data" "$WORK/node_modules"
fi
# run.sh installs with `npm ci`, which newer npm refuses when the lock file lacks other
# platforms' optional packages; `npm install` of the same package.json works (scratch copy only).
if [ ! -d "$WORK/node_modules/@gorules/zen-engine" ] || [ ! -d "$WORK/node_modules/js-yaml" ] ||
  [ ! -d "$WORK/node_modules/json-rules-engine" ]; then
  (cd "$WORK" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [ "${SKIP_PEERS:-0}" = 1 ]; then  # Koers again beside the peers' last run
  log "peers: the last run's figures (SKIP_PEERS=1)"
else
  log "peers: N=$N RUNS=$RUNS PEERS=\"$PEERS\" (the harness's run.sh in $WORK)"
  (cd "$WORK" && N="$N" RUNS="$RUNS" PEERS="$PEERS" bash run.sh >/dev/null)
fi
peer_log="$(ls -t "$WORK"/data/results-*.log | head -1)"
cases="$WORK/data/cases.yaml"

now() { date +%s.%N; }
koers_process() {  # jobs -> seconds for the whole command
  local t0 t1
  t0=$(now)
  "$KOERS" advise --format jsonl --jobs "$1" --rules "$root/bench/workload" --as-of 2026-11-01 \
    "$cases" >"$WORK/data/koers-$1.jsonl"
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}'
}

results="$WORK/data/koers-results.log"
: >"$results"
for run in $(seq 1 "$RUNS"); do
  log "run $run/$RUNS: koers"
  echo "RESULT run=$run peer=koers process_wall_s=$(koers_process 1) n=$N" >>"$results"
  echo "RESULT run=$run peer=koers-jobs2 process_wall_s=$(koers_process 2) n=$N" >>"$results"
  eval_us=$(KOERS_WORKLOAD_CASES="$cases" "$BENCH" --benchmark_filter='BM_workload_eval_no_trace$' \
    --benchmark_format=json 2>/dev/null | python3 -c \
    'import json,sys; b=json.load(sys.stdin)["benchmarks"][0]; print(b["us_per_case"])')
  echo "RESULT run=$run peer=koers eval_s=$(awk -v u="$eval_us" -v n="$N" 'BEGIN{printf "%.6f", u*n/1e6}') n=$N" >>"$results"
done
python3 "$root/bench/workload/to_reference.py" "$WORK/data/koers-1.jsonl" >"$WORK/data/out-koers.jsonl"
python3 "$WORK/compare.py" "$WORK/data/expected.jsonl" "$WORK/data/out-koers.jsonl" >&2
cmp -s "$WORK/data/koers-1.jsonl" "$WORK/data/koers-2.jsonl" || { log "--jobs 2 output differs"; exit 1; }

python3 - "$peer_log" "$results" "$N" <<'PY'
import collections, statistics, sys
figs = collections.defaultdict(lambda: collections.defaultdict(list))
for path in sys.argv[1:3]:
    for line in open(path):
        if not line.startswith("RESULT ") or "peer=" not in line:
            continue
        f = dict(t.split("=", 1) for t in line.split()[1:] if "=" in t)
        n = float(f.get("n", sys.argv[3]))  # some peers' phase lines leave out n
        for key in ("eval_s", "process_wall_s"):
            if key in f:
                figs[f["peer"]][key].append(float(f[key]) / n * 1e6)
med = {p: {k: statistics.median(v) for k, v in d.items()} for p, d in figs.items()}
k = med.get("koers", {})
k2 = med.get("koers-jobs2", {})
print("\nMicroseconds per case (medians), and Koers ÷ peer (below 1: Koers is faster)\n")
print("| peer | eval | whole process | Koers eval ÷ peer | Koers process ÷ peer | Koers --jobs 2 process ÷ peer |")
print("|---|---:|---:|---:|---:|---:|")
def cell(x): return "" if x is None else ("%.3f" % x if x < 10 else "%.1f" % x)
def ratio(a, b): return "" if a is None or not b else "%.4f" % (a / b)
for p in ["koers", "koers-jobs2"] + [p for p in med if not p.startswith("koers")]:
    d = med.get(p, {})
    e, w = d.get("eval_s"), d.get("process_wall_s")
    row = [p, cell(e), cell(w)]
    if p.startswith("koers"):
        row += ["", "", ""]
    else:
        row += [ratio(k.get("eval_s"), e), ratio(k.get("process_wall_s"), w), ratio(k2.get("process_wall_s"), w)]
    print("| " + " | ".join(row) + " |")
PY
