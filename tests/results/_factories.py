"""Synthetic replication records and scenarios, so results code is tested without the engine."""

from __future__ import annotations

import math
from typing import Any

from simgroup.kpis import KPI_NAMES
from simgroup.records import ALL, DAILY_SERIES, ReplicationResult
from simgroup.scenario.models import Scenario

SPECS = ("traffic", "content")


def scenario_with(days: int = 3, specs: tuple[str, ...] = SPECS, **extra: Any) -> Scenario:
    return Scenario.model_validate(
        {
            "simgroup": 1,
            "name": "测试 scenario",
            "days": days,
            "start": "2026-02-27",  # crosses the end of February: dates must roll over
            "groups": [{"id": s, "type": "traffic"} for s in specs],
            **extra,
        }
    )


def record(
    rep: int,
    *,
    days: int = 3,
    specs: tuple[str, ...] = SPECS,
    events: list[dict[str, Any]] | None = None,
    kpis: dict[str, float] | None = None,
) -> ReplicationResult:
    """KPI ``k`` (position i) is ``(i + 1) * (1 + rep) + rep**2 / 7`` at scenario level and
    that plus 1000 * (spec position + 1) per spec; daily series vary by rep, day and series."""

    def kpi_values(offset: float) -> dict[str, float]:
        return {name: (i + 1) * (1 + rep) + rep**2 / 7 + offset for i, name in enumerate(KPI_NAMES)}

    base = kpi_values(0.0)
    if kpis:
        base.update(kpis)
    scopes = (ALL, *specs)
    daily = {
        scope: {
            series: [float(rep * 3 + d * (j + 1) + s * 100) + math.sin(rep + d) for d in range(days)]
            for j, series in enumerate(DAILY_SERIES)
        }
        for s, scope in enumerate(scopes)
    }
    return ReplicationResult(
        replication=rep,
        kpis=base,
        group_kpis={sid: kpi_values(1000.0 * (k + 1)) for k, sid in enumerate(specs)},
        daily=daily,
        events=events,
    )
