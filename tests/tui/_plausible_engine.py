"""A stand-in engine for the TUI snapshots: instant, deterministic, with numbers of the right
kind (shares in [0, 1], growing member counts, money) that depend on the scenario's discounts, so
two variants differ. It knows nothing of the model: the snapshots show the TUI, not the model.
"""

from __future__ import annotations

import math
import sys
import types
from typing import Any

import pytest

from simgroup.kpis import KPI_NAMES
from simgroup.records import ALL, DAILY_SERIES, ReplicationResult

SHARES = {
    "retention_12h", "retention_d1", "retention_d7", "mute_by_d3", "muted_share", "folded_share",
    "reach_rate", "speak_rate", "conversion", "order_rate_daily",
}
MONEY = {"gmv", "gross_profit", "cost_acquisition", "cost_incentives", "cost_labor", "profit", "cac"}


def _discounts(scenario: Any) -> float:
    return sum(float(getattr(step, "discount", 0) or 0) for steps in scenario.sops.values() for step in steps)


def simulate_replication(
    scenario: Any, replication: int, *, seed: int | None = None, days: int | None = None, record_events: bool = False
) -> ReplicationResult:
    seed = scenario.seed if seed is None else seed
    days = scenario.days if days is None else days
    boost = _discounts(scenario)

    def noise(k: float) -> float:
        return math.sin(seed * 13.0 + replication * 7.0 + k)

    kpis: dict[str, float] = {}
    for i, name in enumerate(KPI_NAMES):
        if name in SHARES:
            kpis[name] = min(1.0, max(0.0, 0.2 + 0.05 * boost + 0.03 * noise(i)))
        elif name in MONEY:
            kpis[name] = 1000.0 * (1 + boost) + 150.0 * noise(i)
        else:
            kpis[name] = 120.0 + 10.0 * boost + 8.0 * noise(i)
    daily: dict[str, dict[str, list[float]]] = {}
    for scope in (ALL, *[g.id for g in scenario.groups]):
        members = [60.0 * (d + 1) + 6.0 * noise(d) for d in range(days)]
        series = {name: [5.0 + noise(d + j) for d in range(days)] for j, name in enumerate(DAILY_SERIES)}
        series["member_total"] = members
        series["muted"] = [0.4 * m for m in members]
        series["folded"] = [0.1 * m * (d + 1) / days for d, m in enumerate(members)]
        series["member_has_msg"] = [0.25 * m * (1 - 0.5 * d / days) for d, m in enumerate(members)]
        series["gmv"] = [300.0 * (1 + boost) + 40.0 * noise(d) for d in range(days)]
        series["profit"] = [90.0 * (1 + boost) - 40.0 + 30.0 * noise(d + 3) for d in range(days)]
        daily[scope] = series
    return ReplicationResult(replication=replication, kpis=kpis, group_kpis={g.id: dict(kpis) for g in scenario.groups}, daily=daily)


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("simgroup.engine")
    module.simulate_replication = simulate_replication  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "simgroup.engine", module)
