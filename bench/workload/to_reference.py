#!/usr/bin/env python3
"""Koers JSON lines (koers advise --format json/jsonl --rules bench/workload) -> the peer workload's
output lines (as the peer harness's reference.py prints them): case_id, then each decision's value, in the
reference's key order.

Usage: to_reference.py koers.jsonl > koers-decisions.jsonl   (or read stdin with -)
"""
import json
import sys

KEYS = ("mpg", "mpg_unmet", "strategy", "stagnation", "stagnation_previous", "deterioration",
        "progress", "critical_maximum", "stagnation_unsafe", "safety_escalation")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "-"
    src = sys.stdin if path == "-" else open(path)
    out = sys.stdout
    for line in src:
        advice = json.loads(line)
        decisions = advice["decisions"]
        row = {"case_id": advice["case_id"]}
        for key in KEYS:
            row[key] = decisions[key]["value"]
        out.write(json.dumps(row, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
