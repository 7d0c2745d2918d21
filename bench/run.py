"""The performance benchmark: one command, one JSON report on stdout.

Run on purpose, not by the test suite: ``make bench`` (or ``python bench/run.py``). ``--quick``
runs a small version in well under a minute; ``--compare bench/baseline.json`` also prints the
ratios against a stored report (see ``bench/compare.py``); ``--save PATH`` writes the report.

What it measures (every time is CPU time, ``time.process_time``, best of ``--repeats`` >= 3, so
other jobs on the machine slow the wall clock but not the numbers; wall times are reported too):

- ``throughput``: the engine's CPU time per replication and per member-tick at 5,000, 50,000 and
  1,000,000 members (10, 100 and 2,000 content groups of 500 with the full SOP, 30 days;
  ``--max-groups`` caps the largest);
- ``one_replication``: the 100 groups x 500 members x 30 days row of that (target <= 0.5 s CPU);
- ``linearity``: CPU ns per member-tick at the largest size over that at 5,000 members (the cost
  is linear in members when this stays <= 1.25: per-member work does not grow with the population);
- ``replications``: 100 replications of the 50,000-member workload on 2 worker processes, through
  ``simgroup.experiment.replications.run_replications`` (target <= 90 s wall; the workers' CPU
  seconds are reported too);
- ``memory``: peak traced memory (``tracemalloc``: every Python and numpy allocation) of one
  replication per member who joined, measured in a fresh process (target <= 1 KiB), and the
  peak-RSS growth for comparison;
- ``yardstick``: the yardstick workload run by the engine and by ``bench/yardstick.py`` (the
  competent per-member implementation of the same dynamics) at 500, 5,000 and 50,000 members, both
  timed the same way in this run, with the ratio of their CPU time per member-tick at each size
  (target >= 100x at 50,000) and the KPIs of both (they should agree; tests/engine/test_yardstick.py
  checks that they do).

A member-event is one member-tick: one evaluation of a member's leave, mute/fold and chat
hazards. Both implementations count them the same way, from their own daily member totals
(members in groups at each day end x ticks per day), so the ratio of CPU time per member-tick is
the ratio of speeds on the same work. The first timed run of each size also pays for loading the
compiled kernels (``simgroup/engine/jit.py``); ``compile`` reports what compiling them cost once.
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
#: the targets of the performance issue; "max" ones are met at or below, "min" ones at or above
TARGETS = {"one_replication_cpu_seconds": (0.5, "max"), "linearity_5k_to_largest": (1.25, "max"),
           "replications_seconds": (90.0, "max"), "bytes_per_member": (1024.0, "max"),
           "yardstick_cpu_ratio_at_50000": (100.0, "min")}


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
    cpu = min(cpus)
    return {
        "groups": sum(spec.initial_groups for spec in scenario.groups),
        "members": sum(spec.initial_groups * spec.initial_members for spec in scenario.groups),
        "days": scenario.days,
        "seconds_best": round(best, 3),
        "seconds_median": round(statistics.median(walls), 3),
        "cpu_seconds_best": round(cpu, 3),
        "cpu_seconds_all": [round(c, 3) for c in cpus],
        "member_events": events,
        "cpu_ns_per_member_tick": round(cpu / events * 1e9, 1),
        "member_events_per_cpu_second": round(events / cpu),
        "joined": result.kpis["joined"],
        "orders": result.kpis["orders"],
    }


def compile_seconds() -> dict[str, Any]:
    """Import the engine and run a tiny replication: in a fresh process this loads the compiled
    kernels from their cache; with the cache gone (``NUMBA_CACHE_DIR`` pointed at an empty
    directory) it compiles them, which the benchmark measures in a child process."""
    w0, c0 = time.perf_counter(), time.process_time()
    simulate_replication(full_sop_scenario(2, 50, 12), 0)
    return {"wall_seconds": round(time.perf_counter() - w0, 2), "cpu_seconds": round(time.process_time() - c0, 2)}


def compile_cost() -> dict[str, Any]:
    """First replication in fresh processes: with an empty kernel cache (compiling) and with the cache."""
    import tempfile

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as cache:
        for label in ("cold_cache", "warm_cache"):  # the first run fills the cache the second reads
            env = dict(os.environ, NUMBA_CACHE_DIR=cache)
            res = subprocess.run([sys.executable, str(Path(__file__)), "--compile-child"], check=True,
                                 capture_output=True, text=True, cwd=str(HERE.parent), env=env)
            out[label] = json.loads(res.stdout)
    out["method"] = "first tiny replication in a fresh process, imports included; cold: the kernels compile"
    return out


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


def yardstick(sizes: list[int], days: int, repeats: int) -> dict[str, Any]:
    from yardstick import run_yardstick

    rows = []
    agreement: dict[str, Any] = {}
    for groups in sizes:
        scenario = yardstick_scenario(groups, 500, days)
        walls, cpus, result = _timed(lambda scenario=scenario: simulate_replication(scenario, 0), repeats)
        y_walls, y_cpus, yard = _timed(lambda scenario=scenario: run_yardstick(scenario, seed=1), repeats)
        e_events = member_events(result.daily["all"]["member_total"], scenario)
        y_events = member_events(yard["member_total"], scenario)
        e_ns, y_ns = min(cpus) / e_events * 1e9, min(y_cpus) / y_events * 1e9
        rows.append({
            "members": groups * 500,
            "days": days,
            "engine_cpu_seconds": round(min(cpus), 3),
            "yardstick_cpu_seconds": round(min(y_cpus), 3),
            "engine_wall_seconds": round(min(walls), 3),
            "yardstick_wall_seconds": round(min(y_walls), 3),
            "engine_cpu_ns_per_member_tick": round(e_ns, 1),
            "yardstick_cpu_ns_per_member_tick": round(y_ns, 1),
            "cpu_ratio": round(y_ns / e_ns, 1),
        })
        if groups == sizes[-1]:
            agreement = {"members": groups * 500, "days": days, "kpi": {}}
            engine_kpis = dict(result.kpis, member_messages=sum(result.daily["all"]["msg_total"]))
            for k in ("joined", "left", "retention_d1", "muted_share", "member_messages", "orders", "buyers"):
                agreement["kpi"][k] = {"engine": round(float(engine_kpis[k]), 4), "yardstick": round(float(yard[k]), 4)}
    return {"sizes": rows, "agreement": agreement}


def acceptance(report: dict[str, Any]) -> dict[str, Any]:
    """Each target of the performance issue with its measured value and whether it is met."""
    one = report["one_replication"]
    values: dict[str, float] = {"one_replication_cpu_seconds": one["cpu_seconds_best"]}
    values["linearity_5k_to_largest"] = report["linearity"]["ratio"]
    if "replications" in report:
        values["replications_seconds"] = report["replications"]["seconds"]
    if "memory" in report:
        values["bytes_per_member"] = report["memory"]["peak_bytes_per_member"]
    if "yardstick" in report:
        last = report["yardstick"]["sizes"][-1]
        if last["members"] == 50_000:
            values["yardstick_cpu_ratio_at_50000"] = last["cpu_ratio"]
    out: dict[str, Any] = {}
    for name, value in values.items():
        target, kind = TARGETS[name]
        out[name] = {"value": value, "target": target, "kind": kind,
                     "met": value <= target if kind == "max" else value >= target}
    return out


def linearity(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """CPU ns per member-tick at the largest size over that at 5,000 members (or the smallest)."""
    base = next((r for r in rows if r["members"] == 5000), rows[0])
    top = rows[-1]
    return {"from_members": base["members"], "to_members": top["members"],
            "ns_per_member_tick": [[r["members"], r["cpu_ns_per_member_tick"]] for r in rows],
            "ratio": round(top["cpu_ns_per_member_tick"] / base["cpu_ns_per_member_tick"], 2)}


def format_targets(acc: dict[str, Any]) -> str:
    lines = ["target                              measured      target  met"]
    for name, v in acc.items():
        sign = "<=" if v["kind"] == "max" else ">="
        lines.append(f"{name:34s} {v['value']:>10}  {sign} {v['target']:<8} {'yes' if v['met'] else 'NO'}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=3, help="timed runs per measurement (best CPU time is kept; >= 3)")
    ap.add_argument("--max-groups", type=int, default=2000,
                    help="groups of 500 of the largest throughput size (2000: a million members)")
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run of the benchmark itself")
    ap.add_argument("--replications", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--yardstick-days", type=int, default=3,
                    help="days of the yardstick comparison (the per-member model is slow)")
    ap.add_argument("--skip", action="append", default=[],
                    choices=["replications", "memory", "yardstick", "compile"])
    ap.add_argument("--save", type=Path, help="also write the report to this file")
    ap.add_argument("--compare", type=Path, help="print ratios against this stored report (bench/compare.py)")
    ap.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--compile-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child is not None:
        _memory_child(args.memory_child)
        return
    if args.compile_child:
        print(json.dumps(compile_seconds()))
        return

    sizes = [1, 10] if args.quick else sorted({10, 100, max(args.max_groups, 100)})
    yard_sizes = [1, 10] if args.quick else [1, 10, 100]
    reps = 10 if args.quick else args.replications
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "numpy": np.__version__, "simpy": simpy.__version__,
                    "platform": platform.platform(), "cpus": os.cpu_count(),
                    "load_average_1min_at_start": load},
        "quick": args.quick,
    }
    if "compile" not in args.skip:
        report["compile"] = compile_cost()
    report["throughput"] = throughput(sizes, args.repeats)
    one = 10 if args.quick else 100
    report["one_replication"] = next(r for r in report["throughput"] if r["groups"] == one)
    report["linearity"] = linearity(report["throughput"])
    if "replications" not in args.skip:
        report["replications"] = replications(one, reps, args.workers)
    if "memory" not in args.skip:
        report["memory"] = memory(one)
    if "yardstick" not in args.skip:
        report["yardstick"] = yardstick(yard_sizes, args.yardstick_days, args.repeats)
    # the targets are for the full sizes; a quick run only checks that the benchmark works
    report["acceptance"] = "not evaluated in a quick run" if args.quick else acceptance(report)
    text = json.dumps(report, indent=2)
    print(text)
    if not args.quick:
        print(format_targets(report["acceptance"]), file=sys.stderr)
    if args.save:
        atomic_write_text(args.save, text + "\n")
    if args.compare:
        from compare import compare, format_ratios

        print(format_ratios(compare(report, json.loads(args.compare.read_text(encoding="utf-8")))), file=sys.stderr)


if __name__ == "__main__":
    main()
