"""What ``simgroup check`` needs to know about each KPI: which direction is better, and the
smallest move worth flagging against a baseline.

Contract:

* :func:`better_direction` is ``"higher"``, ``"lower"`` or ``None`` (neither: a count such as
  ``groups_created`` or ``tasks_sent`` is not good or bad by itself) for every name of
  :data:`~simgroup.results.records.KPI_NAMES`; ``better_than`` uses it when an expectation does
  not say ``better:``, and ``--fail-on worse`` uses it to tell a regression from an improvement.
* :func:`absolute_floor` is a small non-negative tolerance in the KPI's unit, added to the
  statistical tolerance of a baseline comparison so that a near-constant KPI (standard deviation
  0, e.g. ``lifespan_days`` capped at the horizon) is not flagged for a float-rounding difference,
  while a real change of one unit of a count, 0.1 percentage point of a share or one CNY is.
"""

from __future__ import annotations

from typing import Literal

from simgroup.results.records import KPI_NAMES, LOWER_IS_BETTER

Direction = Literal["higher", "lower"]

#: Neither better nor worse by themselves: they describe the setup more than the outcome.
_NEUTRAL = frozenset({"groups_created", "tasks_sent"})

_SHARES = frozenset(
    {"retention_12h", "retention_d1", "retention_d7", "mute_by_d3", "muted_share", "folded_share",
     "reach_rate", "speak_rate", "conversion"}
)
_MONEY = frozenset({"gmv", "gross_profit", "cost_acquisition", "cost_incentives", "cost_labor", "profit"})
_COUNTS = frozenset(
    {"joined", "left", "members_end", "groups_created", "messages", "buyers", "orders", "invited",
     "tasks_sent", "tasks_skipped"}
)

# Floors in each KPI's unit. Counts are means of integers over replications: half a unit lets a
# constant count that changes by one be flagged. Shares: 0.1 percentage point. Money: 1 CNY.
_FLOORS: dict[str, float] = {
    **{k: 0.001 for k in _SHARES},
    **{k: 1.0 for k in _MONEY},
    **{k: 0.5 for k in _COUNTS},
    "order_rate_daily": 0.0001,  # a daily rate of ~1-3 %: 0.01 percentage point
    "cac": 0.01,
    "roi": 0.001,
    "k_factor": 0.001,
    "labor_hours": 0.01,
    "lifespan_days": 0.01,
}
_DEFAULT_FLOOR = 1e-9  # a KPI added to the contract later: only float noise is ignored


def better_direction(kpi: str) -> Direction | None:
    """``"lower"`` for costs and losses (:data:`~simgroup.results.records.LOWER_IS_BETTER`),
    ``None`` for neutral counts, ``"higher"`` otherwise."""
    if kpi in LOWER_IS_BETTER:
        return "lower"
    if kpi in _NEUTRAL:
        return None
    return "higher"


def absolute_floor(kpi: str) -> float:
    """The smallest move of ``kpi``'s mean a baseline comparison can flag (see the module doc)."""
    return _FLOORS.get(kpi, _DEFAULT_FLOOR)


def _check_tables() -> None:
    unknown = (LOWER_IS_BETTER | _NEUTRAL | set(_FLOORS)) - set(KPI_NAMES)
    if unknown:  # pragma: no cover - a KPI renamed in records.py without updating this table
        raise AssertionError(f"kpi_traits names unknown KPIs: {sorted(unknown)}")


_check_tables()
