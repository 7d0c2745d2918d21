"""Flat typed records that a replication returns (compact: no member arrays).

A worker returns one :class:`ReplicationResult` per (scenario, replication). Everything in it is
plain Python data (floats, lists, dicts) so it pickles cheaply and serialises to JSON directly.
The engine makes them, every layer above reads them; like :mod:`simgroup.kpis` (the KPI names
its ``kpis`` hold) this module imports nothing from simgroup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ALL", "DAILY_SERIES", "ReplicationResult", "daily_bounds"]

#: Daily series per scope, shaped like WeCom's 群聊数据统计 plus god-view and money columns.
DAILY_SERIES: tuple[str, ...] = (
    "new_chat_cnt",
    "chat_total",
    "chat_has_msg",
    "new_member_cnt",
    "left_cnt",
    "member_total",
    "member_has_msg",
    "msg_total",
    "muted",
    "folded",
    "orders",
    "gmv",
    "cost",
    "profit",
)

def daily_bounds(series: str) -> tuple[float, float]:
    """The values a daily series can take: the standard series are counts and money (at least 0)
    except ``profit``; any other series has no known bounds."""
    if series == "profit" or series not in DAILY_SERIES:
        return -math.inf, math.inf
    return 0.0, math.inf


#: Scope name for the whole scenario in ``ReplicationResult.daily``.
ALL = "all"


@dataclass(frozen=True)
class ReplicationResult:
    """What one replication of one scenario returns.

    ``kpis`` are scenario-level; ``group_kpis[spec_id]`` the same names per group spec;
    ``daily[scope][series]`` a list with one value per simulated day (scope ``"all"`` or a spec
    id; series in :data:`DAILY_SERIES`; money per day, not cumulative). ``events`` is the
    WeCom-callback-shaped event log, present only when the run asked for it. A KPI that is not
    defined for this replication (e.g. ``retention_d7`` with nobody joined 7 days before the end)
    is ``nan``.
    """

    replication: int
    kpis: dict[str, float]
    group_kpis: dict[str, dict[str, float]]
    daily: dict[str, dict[str, list[float]]]
    events: list[dict[str, Any]] | None = field(default=None, compare=False)
