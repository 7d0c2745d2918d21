"""Flat typed records that a replication returns (compact: no member arrays).

A worker returns one :class:`ReplicationResult` per (scenario, replication). Everything in it is
plain Python data (floats, lists, dicts) so it pickles cheaply and serialises to JSON directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: KPI names of the data contract (docs/results.md), in report order, with their view.
KPI_VIEWS: dict[str, str] = {
    "joined": "observable",
    "left": "observable",
    "members_end": "observable",
    "groups_created": "observable",
    "retention_12h": "observable",
    "retention_d1": "observable",
    "retention_d7": "observable",
    "mute_by_d3": "god-view",
    "muted_share": "god-view",
    "folded_share": "god-view",
    "reach_rate": "god-view",
    "speak_rate": "observable",
    "messages": "observable",
    "buyers": "observable",
    "orders": "observable",
    "conversion": "observable",
    "order_rate_daily": "observable",
    "gmv": "observable",
    "gross_profit": "observable",
    "cost_acquisition": "observable",
    "cost_incentives": "observable",
    "cost_labor": "observable",
    "labor_hours": "observable",
    "profit": "observable",
    "roi": "observable",
    "cac": "observable",
    "invited": "observable",
    "k_factor": "observable",
    "lifespan_days": "observable",
    "tasks_sent": "observable",
    "tasks_skipped": "observable",
}

KPI_NAMES: tuple[str, ...] = tuple(KPI_VIEWS)

#: KPIs where less is better (costs and losses). ``simgroup check`` and ``simgroup sweep`` read
#: the direction of a KPI from here, so they never disagree on it.
LOWER_IS_BETTER: frozenset[str] = frozenset(
    {
        "left",
        "mute_by_d3",
        "muted_share",
        "folded_share",
        "cost_acquisition",
        "cost_incentives",
        "cost_labor",
        "labor_hours",
        "cac",
        "tasks_skipped",
    }
)

#: Daily series per scope, shaped like WeCom's 群聊数据统计 plus god-view and money columns.
DAILY_SERIES: tuple[str, ...] = (
    "new_chat_cnt",
    "chat_total",
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
