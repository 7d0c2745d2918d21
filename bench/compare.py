"""Regression guard: compare a benchmark report with a stored one and print the ratios.

    python bench/compare.py NEW.json [bench/baseline.json] [--tolerance 1.25]
    python bench/run.py --compare bench/baseline.json      # run, then compare

A ratio is new / baseline for times and memory (above 1 is worse) and baseline / new for
throughputs and speed-ups (also above 1 is worse), so every line reads "how many times worse".
Lines above the tolerance are marked REGRESSION and make the exit status 1. This is a report for a
person, run on purpose on a quiet machine; timings are never asserted in the unit tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

#: (label, path into the report, "time" if bigger is worse else "rate"); compared only when both
#: reports measured the same number of groups (a --quick report has fewer)
METRICS: list[tuple[str, tuple[Any, ...], str]] = [
    ("one replication (CPU s)", ("one_replication", "cpu_seconds_best"), "time"),
    ("replications on the workers (s)", ("replications", "seconds"), "time"),
    ("peak bytes per member", ("memory", "peak_bytes_per_member"), "time"),
]


def _get(report: dict[str, Any], path: tuple[Any, ...]) -> float | None:
    node: Any = report
    for key in path:
        if isinstance(node, list):
            node = next((x for x in node if x.get("members") == key), None)
        elif isinstance(node, dict):
            node = node.get(key)
        else:
            return None
        if node is None:
            return None
    return float(node)


def _metrics(report: dict[str, Any]) -> list[tuple[str, tuple[Any, ...], str]]:
    rows = list(METRICS)
    for row in report.get("throughput", []):
        m = row["members"]
        rows.append((f"engine CPU ns/member-tick at {m:,}", ("throughput", m, "cpu_ns_per_member_tick"), "time"))
    for row in report.get("yardstick", {}).get("sizes", []):
        m = row["members"]
        rows.append((f"CPU ratio to the yardstick at {m:,}", ("yardstick", "sizes", m, "cpu_ratio"), "rate"))
    return rows


def compare(new: dict[str, Any], base: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per metric present in both reports: values and the how-many-times-worse ratio."""
    out = []
    for label, path, kind in _metrics(new):
        if len(path) == 2 and _get(new, (path[0], "groups")) != _get(base, (path[0], "groups")):
            continue  # different workload sizes
        a, b = _get(new, path), _get(base, path)
        if a is None or b is None or a <= 0 or b <= 0:
            continue
        worse = a / b if kind == "time" else b / a
        out.append({"metric": label, "new": a, "baseline": b, "times_worse": round(worse, 3)})
    return out


def format_ratios(rows: list[dict[str, Any]], tolerance: float = 1.25) -> str:
    lines = [f"{'metric':40s} {'new':>14s} {'baseline':>14s} {'x worse':>8s}"]
    for r in rows:
        flag = "  REGRESSION" if r["times_worse"] > tolerance else ""
        lines.append(f"{r['metric']:40s} {r['new']:14,.3f} {r['baseline']:14,.3f} {r['times_worse']:8.2f}{flag}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("new", type=Path, help="a report written by bench/run.py --save")
    ap.add_argument("baseline", type=Path, nargs="?", default=HERE / "baseline.json")
    ap.add_argument("--tolerance", type=float, default=1.25, help="times worse before a line is a regression")
    args = ap.parse_args()
    rows = compare(json.loads(args.new.read_text(encoding="utf-8")), json.loads(args.baseline.read_text(encoding="utf-8")))
    print(format_ratios(rows, args.tolerance))
    return 1 if any(r["times_worse"] > args.tolerance for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
