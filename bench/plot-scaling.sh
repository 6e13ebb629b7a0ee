#!/usr/bin/env bash
# How cost grows: runs bench_scaling and plots evaluation time per case against the number of
# rules and against the length of the OBVL-K series (gnuplot, Debian) into docs/scaling.svg.
#
#   bash bench/plot-scaling.sh                  # measure and plot (about two minutes)
#   bash bench/plot-scaling.sh scaling.json     # plot an earlier --benchmark_out
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
json="${1:-}"
if [ -z "$json" ]; then
  json="$(mktemp)"
  "$root/build/bench/bench_scaling" --benchmark_min_time=0.1 --benchmark_out="$json" \
    --benchmark_out_format=json >/dev/null
fi
data="$(mktemp -d)"
# One table per family: x  us_per_case
python3 - "$json" "$data" <<'PY'
import json, sys, collections
out = collections.defaultdict(list)
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    name, _, arg = b["name"].partition("/")
    if "us_per_case" in b:
        out[name].append((int(arg), b["us_per_case"]))
for name, rows in out.items():
    with open(f"{sys.argv[2]}/{name}.dat", "w") as f:
        for x, y in sorted(rows):
            f.write(f"{x} {y}\n")
PY
mkdir -p "$root/docs"
gnuplot <<GP
set terminal svg size 960,400 dynamic font "sans,12"
set output "$root/docs/scaling.svg"
set multiplot layout 1,2
set logscale xy
set grid
set key top left
set xlabel "rules"
set ylabel "µs per case"
set title "Evaluation time against the number of rules"
plot "$data/BM_rules_with_trace.dat" using 1:2 with linespoints title "with explanation", \
     "$data/BM_rules_no_trace.dat" using 1:2 with linespoints title "without explanation", \
     "$data/BM_rules_no_trace.dat" using 1:(\$1*0.05) with lines dashtype 2 title "linear (0.05 µs × rules)"
set xlabel "OBVL-K totals in the series"
set title "Guideline rules against the series length"
plot "$data/BM_series_with_trace.dat" using 1:2 with linespoints title "with explanation", \
     "$data/BM_series_no_trace.dat" using 1:2 with linespoints title "without explanation"
unset multiplot
GP
echo "wrote docs/scaling.svg"
