"""The benchmark's per-member yardstick (``bench/yardstick.py``) runs the engine's dynamics: the
speed ratio the benchmark reports is only meaningful if both compute the same model, so their
KPIs must agree within sampling error (the yardstick draws its own random numbers)."""

from __future__ import annotations

import math
import statistics
import sys
from pathlib import Path
from typing import Any

import pytest

from simgroup.engine import simulate_replication

BENCH = Path(__file__).resolve().parents[2] / "bench"
REPS = 6
KPIS = ("left", "retention_d1", "muted_share", "member_messages", "orders", "buyers")


def _bench_modules() -> tuple[Any, Any]:
    sys.path.insert(0, str(BENCH))
    try:
        import workloads
        import yardstick
    finally:
        sys.path.remove(str(BENCH))
    return workloads, yardstick


@pytest.mark.slow
def test_yardstick_and_engine_agree_within_sampling_error() -> None:
    workloads, yardstick = _bench_modules()
    scenario = workloads.yardstick_scenario(10, 500, 3)
    engine: dict[str, list[float]] = {k: [] for k in KPIS}
    yard: dict[str, list[float]] = {k: [] for k in KPIS}
    for i in range(REPS):
        result = simulate_replication(scenario, i)
        kpis = dict(result.kpis, member_messages=float(sum(result.daily["all"]["msg_total"])))
        other = yardstick.run_yardstick(scenario, seed=100 + i)
        for k in KPIS:
            engine[k].append(float(kpis[k]))
            yard[k].append(float(other[k]))
    for k in KPIS:
        e, y = engine[k], yard[k]
        se = math.sqrt((statistics.variance(e) + statistics.variance(y)) / REPS)
        # four standard errors of the difference of means: a real difference in the model shows
        # as many; chance alone almost never
        assert abs(statistics.fmean(e) - statistics.fmean(y)) <= 4 * se, (k, e, y)
