"""A stand-in for ``simgroup.engine`` so API and experiment code is tested without the engine.

``install(monkeypatch)`` puts a fake ``simgroup.engine`` module in ``sys.modules`` whose
``simulate_replication`` is deterministic in (seed, replication) and records every call;
``install(monkeypatch, interrupt_at=k)`` makes the call after ``k`` recorded ones raise
``KeyboardInterrupt`` (Ctrl-C in the middle of a run).
"""

from __future__ import annotations

import math
import sys
import types
from typing import Any

import pytest

from simgroup.kpis import KPI_NAMES
from simgroup.records import ALL, DAILY_SERIES, ReplicationResult


class FakeEngine:
    def __init__(self, interrupt_at: int | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.interrupt_at = interrupt_at

    def simulate_replication(
        self,
        scenario: Any,
        replication: int,
        *,
        seed: int | None = None,
        days: int | None = None,
        record_events: bool = False,
    ) -> ReplicationResult:
        if len(self.calls) == self.interrupt_at:
            raise KeyboardInterrupt
        seed = scenario.seed if seed is None else seed
        days = scenario.days if days is None else days
        self.calls.append({"replication": replication, "seed": seed, "days": days, "record_events": record_events})
        base = (seed % 1000) + replication * 1.5

        def kpis(offset: float) -> dict[str, float]:
            return {k: base + i + offset + math.sin(seed + replication + i) for i, k in enumerate(KPI_NAMES)}

        specs = [g.id for g in scenario.groups]
        daily = {
            scope: {s: [base + d + j + math.cos(seed * 7 + replication + d) for d in range(days)]
                    for j, s in enumerate(DAILY_SERIES)}
            for scope in (ALL, *specs)
        }
        events = (
            [{"time": 60.0 * (d + 1), "day": d, "event": "add_member", "chat_id": "g1", "member": f"m{d}"}
             for d in range(days)]
            if record_events
            else None
        )
        return ReplicationResult(
            replication=replication,
            kpis=kpis(0.0),
            group_kpis={sid: kpis(100.0 * (n + 1)) for n, sid in enumerate(specs)},
            daily=daily,
            events=events,
        )


def install(monkeypatch: pytest.MonkeyPatch, *, interrupt_at: int | None = None) -> FakeEngine:
    fake = FakeEngine(interrupt_at)
    module = types.ModuleType("simgroup.engine")
    module.simulate_replication = fake.simulate_replication  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "simgroup.engine", module)
    return fake
