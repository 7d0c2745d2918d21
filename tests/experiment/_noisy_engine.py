"""A fake ``simgroup.engine`` with known statistics, for precision and CRN tests.

Each replication's ``profit`` is ``operators.hourly_cost + 10·Z_common + 1·Z_own`` where
``Z_common`` depends only on (seed, replication) — what two variants share under common random
numbers — and ``Z_own`` also on the scenario's name. So a paired difference of two variants has
standard deviation sqrt(2) while each variant has about 10: CRN should shrink the interval ~7×.
Every other KPI is ``Z_common`` (``joined`` is a constant 100).
"""

from __future__ import annotations

import sys
import types
import zlib
from typing import Any

import numpy as np
import pytest

from simgroup.kpis import KPI_NAMES
from simgroup.records import ALL, ReplicationResult


def simulate_replication(
    scenario: Any, replication: int, *, seed: int | None = None, days: int | None = None, record_events: bool = False
) -> ReplicationResult:
    seed = scenario.seed if seed is None else seed
    common = np.random.default_rng([seed, replication]).standard_normal()
    own = np.random.default_rng([seed, replication, zlib.crc32(scenario.name.encode())]).standard_normal()
    kpis = {k: float(common) for k in KPI_NAMES}
    kpis["joined"] = 100.0
    kpis["profit"] = float(scenario.operators.hourly_cost + 10.0 * common + own)
    groups = {g.id: dict(kpis) for g in scenario.groups}
    return ReplicationResult(replication, kpis, groups, {ALL: {}})


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("simgroup.engine")
    module.simulate_replication = simulate_replication  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "simgroup.engine", module)
