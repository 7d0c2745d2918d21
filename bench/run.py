"""The performance benchmark: one command, one JSON report on stdout.

Run on purpose, not by the test suite: ``make bench`` (or ``python bench/run.py``). ``--quick``
runs a small version in well under a minute; ``--compare bench/baseline.json`` also prints the
ratios against a stored report (see ``bench/compare.py``); ``--save PATH`` writes the report.

What it measures:

- ``throughput``: member-events per second of the engine at 500, 5,000 and 50,000 members
  (1, 10 and 100 content groups of 500 with the full SOP, 30 days);
- ``one_replication``: wall time of one replication of 100 groups x 500 members x 30 days with the
  full SOP (best and median of ``--repeats``; target <= 1.5 s);
- ``replications``: 100 replications of that on 2 worker processes, through
  ``simgroup.experiment.replications.run_replications`` (target <= 90 s);
- ``memory``: peak traced memory (``tracemalloc``: every Python and numpy allocation) of one
  replication per member who joined, measured in a fresh process (target <= 1 KiB), and the
  peak-RSS growth for comparison;
- ``yardstick``: the yardstick workload run by the engine and by ``bench/yardstick.py`` (one SimPy
  process per member, same hazards and time step) at 500, 5,000 and 50,000 members, with the
  speed ratio at each size (target >= 50x at 50,000) and the KPIs of both (they should agree).

A member-event is one member-tick: one evaluation of a member's leave, mute/fold and chat
hazards. Both implementations count them the same way, from their own daily member totals
(members in groups at each day end x ticks per day), so the ratio of member-events per second is
the ratio of speeds on the same work.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import simpy
from workloads import full_sop_scenario, yardstick_scenario

from simgroup._atomic import atomic_write_text
from simgroup.engine import simulate_replication
from simgroup.records import ReplicationResult
from simgroup.scenario.models import Scenario

HERE = Path(__file__).resolve().parent
TARGETS = {"one_replication_seconds": 1.5, "replications_seconds": 90.0, "bytes_per_member": 1024.0,
           "yardstick_speedup_at_50000": 50.0}


def member_events(daily_member_total: list[float], scenario: Scenario) -> float:
    """Member-ticks, from the members in groups at each day end."""
    return float(sum(daily_member_total)) * (1440 / scenario.params().tick_minutes)


def _timed(fn: Any, repeats: int) -> tuple[list[float], list[float], Any]:
    walls, cpus, out = [], [], None
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return walls, cpus, out


def engine_run(scenario: Scenario, repeats: int) -> dict[str, Any]:
    walls, cpus, result = _timed(lambda: simulate_replication(scenario, 0), repeats)
    assert isinstance(result, ReplicationResult)
    events = member_events(result.daily["all"]["member_total"], scenario)
    best = min(walls)
    return {
        "groups": scenario.groups[0].initial_groups,
        "members": scenario.groups[0].initial_groups * scenario.groups[0].initial_members,
        "days": scenario.days,
        "seconds_best": round(best, 3),
        "seconds_median": round(statistics.median(walls), 3),
        "cpu_seconds_best": round(min(cpus), 3),
        "member_events": events,
        "member_events_per_second": round(events / best),
        "joined": result.kpis["joined"],
        "orders": result.kpis["orders"],
    }


def throughput(sizes: list[int], repeats: int) -> list[dict[str, Any]]:
    simulate_replication(full_sop_scenario(2, 50, 12), 0)  # warm-up: imports, caches
    return [engine_run(full_sop_scenario(g, 500, 30), repeats) for g in sizes]


def replications(groups: int, count: int, workers: int) -> dict[str, Any]:
    from simgroup.experiment.executors import make_executor
    from simgroup.experiment.replications import run_replications

    scenario = full_sop_scenario(groups, 500, 30)
    w0 = time.perf_counter()
    with make_executor(workers) as ex:
        results = run_replications(scenario, replications=count, record_events_for=None, executor=ex)
        cpu = _pool_cpu_seconds(ex)
    seconds = time.perf_counter() - w0
    out = {
        "groups": groups,
        "replications": len(results),
        "workers": workers,
        "executor": "simgroup.experiment.executors.make_executor",
        "seconds": round(seconds, 2),
        "seconds_per_replication": round(seconds / len(results), 3),
        "joined_mean": float(np.mean([r.kpis["joined"] for r in results])),
    }
    if cpu is not None:
        # other processes on the machine slow the wall clock, not the workers' CPU time
        out["worker_cpu_seconds"] = round(cpu, 1)
        out["worker_cpu_seconds_per_replication"] = round(cpu / len(results), 3)
        out["seconds_with_idle_cores"] = round(cpu / workers, 1)
    return out


def _pool_cpu_seconds(pool: Any) -> float | None:
    """CPU seconds used so far by a process pool's workers (Linux ``/proc``), or None."""
    procs = getattr(pool, "_processes", None)  # ProcessPoolExecutor's workers by pid
    if not procs:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in list(procs):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


def memory(groups: int) -> dict[str, Any]:
    """Run :func:`_memory_child` in a fresh interpreter (a clean heap and a clean peak RSS)."""
    out = subprocess.run([sys.executable, str(Path(__file__)), "--memory-child", str(groups)],
                         check=True, capture_output=True, text=True, cwd=str(HERE.parent))
    return json.loads(out.stdout)


def _memory_child(groups: int) -> None:
    import resource
    import tracemalloc

    scenario = full_sop_scenario(groups, 500, 30)
    simulate_replication(full_sop_scenario(2, 50, 12), 0)  # imports and caches outside the measure
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    result = simulate_replication(scenario, 0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    joined = max(result.kpis["joined"], 1.0)
    print(json.dumps({
        "groups": groups,
        "joined": joined,
        "peak_traced_bytes": peak,
        "peak_bytes_per_member": round(peak / joined),
        "peak_rss_growth_bytes_per_member": round((rss1 - rss0) * 1024 / joined),
        "method": "tracemalloc peak of one replication (all Python and numpy allocations) / members joined; "
                  "peak RSS growth over the same run for comparison (includes allocator slack)",
    }))


def yardstick(sizes: list[int], days: int) -> dict[str, Any]:
    from yardstick import run_yardstick

    rows = []
    agreement: dict[str, Any] = {}
    for groups in sizes:
        scenario = yardstick_scenario(groups, 500, days)
        walls, _, result = _timed(lambda scenario=scenario: simulate_replication(scenario, 0), 3)
        engine_s = min(walls)
        e_events = member_events(result.daily["all"]["member_total"], scenario)
        w0 = time.perf_counter()
        yard = run_yardstick(scenario, seed=1)
        yard_s = time.perf_counter() - w0
        y_events = member_events(yard["member_total"], scenario)
        rows.append({
            "members": groups * 500,
            "days": days,
            "engine_seconds": round(engine_s, 3),
            "yardstick_seconds": round(yard_s, 2),
            "engine_member_events_per_second": round(e_events / engine_s),
            "yardstick_member_events_per_second": round(y_events / yard_s),
            "speedup": round((e_events / engine_s) / (y_events / yard_s), 1),
        })
        if groups == sizes[-1]:
            agreement = {"members": groups * 500, "days": days, "kpi": {}}
            engine_kpis = dict(result.kpis, member_messages=sum(result.daily["all"]["msg_total"]))
            for k in ("joined", "left", "retention_d1", "muted_share", "member_messages", "orders", "buyers"):
                agreement["kpi"][k] = {"engine": round(float(engine_kpis[k]), 4), "yardstick": round(float(yard[k]), 4)}
    return {"sizes": rows, "agreement": agreement}


def acceptance(report: dict[str, Any]) -> dict[str, Any]:
    one = report["one_replication"]
    out: dict[str, Any] = {
        "one_replication_seconds": {"value": one["seconds_best"], "target": TARGETS["one_replication_seconds"]},
    }
    if "replications" in report:
        out["replications_seconds"] = {"value": report["replications"]["seconds"],
                                       "target": TARGETS["replications_seconds"]}
    if "memory" in report:
        out["bytes_per_member"] = {"value": report["memory"]["peak_bytes_per_member"],
                                   "target": TARGETS["bytes_per_member"]}
    if "yardstick" in report:
        last = report["yardstick"]["sizes"][-1]
        out[f"yardstick_speedup_at_{last['members']}"] = {"value": last["speedup"],
                                                          "target": TARGETS["yardstick_speedup_at_50000"]}
    for name, v in out.items():
        v["met"] = v["value"] >= v["target"] if "speedup" in name else v["value"] <= v["target"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5, help="timed runs per engine measurement (best is kept)")
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run of the benchmark itself")
    ap.add_argument("--replications", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--yardstick-days", type=int, default=3,
                    help="days of the yardstick comparison (the per-member model is slow)")
    ap.add_argument("--skip", action="append", default=[], choices=["replications", "memory", "yardstick"])
    ap.add_argument("--save", type=Path, help="also write the report to this file")
    ap.add_argument("--compare", type=Path, help="print ratios against this stored report (bench/compare.py)")
    ap.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child is not None:
        _memory_child(args.memory_child)
        return

    sizes = [1, 10] if args.quick else [1, 10, 100]
    reps = 10 if args.quick else args.replications
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "numpy": np.__version__, "simpy": simpy.__version__,
                    "platform": platform.platform(), "cpus": os.cpu_count(),
                    "load_average_1min_at_start": load},
        "quick": args.quick,
    }
    report["throughput"] = throughput(sizes, args.repeats)
    report["one_replication"] = report["throughput"][-1]
    if "replications" not in args.skip:
        report["replications"] = replications(sizes[-1], reps, args.workers)
    if "memory" not in args.skip:
        report["memory"] = memory(sizes[-1])
    if "yardstick" not in args.skip:
        report["yardstick"] = yardstick(sizes, args.yardstick_days)
    # the targets are for the full sizes; a quick run only checks that the benchmark works
    report["acceptance"] = "not evaluated in a quick run" if args.quick else acceptance(report)
    text = json.dumps(report, indent=2)
    print(text)
    if args.save:
        atomic_write_text(args.save, text + "\n")
    if args.compare:
        from compare import compare, format_ratios

        print(format_ratios(compare(report, json.loads(args.compare.read_text(encoding="utf-8")))), file=sys.stderr)


if __name__ == "__main__":
    main()
