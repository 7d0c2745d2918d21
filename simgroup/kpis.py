"""The one KPI table: every KPI of the results contract with its meaning, unit, view, better
direction and the smallest move worth flagging (docs/results.md).

Everything that names, prints, compares or checks a KPI reads it from here: the engine's
measurement, the results (JSON, CSV, text), ``expect:`` validation, ``simgroup check``, sweeps,
comparisons and the TUI. This module imports nothing from simgroup, so any layer may use it.

Contract
--------
* :data:`KPIS` lists the KPIs in report order; :data:`KPI_NAMES` their names, :data:`KPI`
  each by name.
* ``unit`` says how a value reads: ``count`` (people, messages, orders), ``share`` (0..1, printed
  as a percentage with ``digits`` decimals), ``money`` (CNY), ``ratio``, ``days``, ``hours``.
* ``view`` is ``observable`` (WeCom's own statistics could show it) or ``god-view`` (only the
  simulation knows: who muted, who read).
* ``better`` is ``higher``, ``lower`` or None (neither: a count such as ``groups_created``
  describes the setup more than the outcome); ``better_than`` and ``--fail-on worse`` use it.
* ``floor`` is a small tolerance in the KPI's unit added to a baseline comparison's statistical
  one, so that a near-constant KPI is not flagged for float rounding while a real change of one
  unit of a count, 0.1 percentage point of a share or one CNY is.
* ``low`` / ``high`` are the values the KPI can take at all (a share in [0, 1], a count or a cost
  at least 0; profit and ROI unbounded): intervals are cut to them (:func:`simgroup.records.daily_bounds`
  does the same for the daily series).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

__all__ = ["KPI", "KPIS", "KPI_NAMES", "KPI_VIEWS", "LOWER_IS_BETTER", "Kpi", "Unit"]

Unit = Literal["count", "share", "money", "ratio", "days", "hours"]
View = Literal["observable", "god-view"]
Better = Literal["higher", "lower"]

# Floors: counts are means of integers over replications, so half a unit lets a constant count
# that changes by one be flagged; shares 0.1 percentage point; money 1 CNY.
_COUNT_FLOOR = 0.5
_SHARE_FLOOR = 0.001
_MONEY_FLOOR = 1.0


@dataclass(frozen=True)
class Kpi:
    """One KPI of the results contract (see the module docstring)."""

    name: str
    meaning: str
    unit: Unit
    view: View
    better: Better | None
    floor: float
    digits: int = 1  # decimals when printed (of the percentage, for a share)
    low: float = 0.0
    high: float = math.inf


def _count(name: str, meaning: str, better: Better | None = "higher") -> Kpi:
    return Kpi(name, meaning, "count", "observable", better, _COUNT_FLOOR)


def _share(name: str, meaning: str, better: Better = "higher", view: View = "observable") -> Kpi:
    return Kpi(name, meaning, "share", view, better, _SHARE_FLOOR, high=1.0)


def _signed(kpi: Kpi) -> Kpi:
    """``kpi`` able to go below 0 (a loss)."""
    return replace(kpi, low=-math.inf)


def _money(name: str, meaning: str, better: Better = "higher") -> Kpi:
    return Kpi(name, meaning, "money", "observable", better, _MONEY_FLOOR, digits=2)


KPIS: tuple[Kpi, ...] = (
    _count("joined", "people who joined (scenario) or memberships opened (group spec)"),
    _count("left", "people who left and did not move on (scenario), memberships ended (spec)", "lower"),
    _count("members_end", "members in a group at the horizon"),
    _count("groups_created", "group instances created", None),
    _share("retention_12h", "share of joiners still present 12 h after joining"),
    _share("retention_d1", "share of joiners still present 1 day after joining"),
    _share("retention_d7", "share of joiners still present 7 days after joining"),
    _share("mute_by_d3", "share of joiners who muted within 3 days of joining", "lower", "god-view"),
    _share("muted_share", "share of present members muted (folded included) at the end", "lower", "god-view"),
    _share("folded_share", "share of present members who folded the group at the end", "lower", "god-view"),
    _share("reach_rate", "mean share of a group's members who read an operator post", view="god-view"),
    _share("speak_rate", "mean over days of speakers / members"),
    _count("messages", "member and operator messages"),
    _count("buyers", "distinct buyers"),
    _count("orders", "orders"),
    _share("conversion", "buyers / joined"),
    Kpi("order_rate_daily", "mean over days of orders / members", "share", "observable", "higher", 0.0001,
        digits=2, high=math.inf),  # a member may order more than once a day
    _money("gmv", "revenue at list price"),
    _signed(_money("gross_profit", "revenue - cost of goods - discounts")),
    _money("cost_acquisition", "acquisition spend (channels, initial members)", "lower"),
    _money("cost_incentives", "red packets, lottery prizes, fission and check-in rewards", "lower"),
    _money("cost_labor", "operators' time at their hourly cost", "lower"),
    Kpi("labor_hours", "operators' hours on SOP tasks and upkeep", "hours", "observable", "lower", 0.01),
    _signed(_money("profit", "gross profit - all costs")),
    Kpi("roi", "profit / costs", "ratio", "observable", "higher", 0.001, digits=2, low=-math.inf),
    Kpi("cac", "acquisition cost / joined", "money", "observable", "lower", 0.01, digits=2),
    _count("invited", "joins by invitation"),
    Kpi("k_factor", "invited / other joins", "ratio", "observable", "higher", 0.001, digits=2),
    Kpi("lifespan_days", "mean life of the group instances, capped at the horizon", "days", "observable",
        "higher", 0.01),
    _count("tasks_sent", "operator tasks sent", None),
    _count("tasks_skipped", "operator tasks skipped or expired", "lower"),
)

KPI: dict[str, Kpi] = {k.name: k for k in KPIS}
KPI_NAMES: tuple[str, ...] = tuple(KPI)
#: name -> view, in report order.
KPI_VIEWS: dict[str, str] = {k.name: k.view for k in KPIS}
#: KPIs where less is better (costs and losses).
LOWER_IS_BETTER: frozenset[str] = frozenset(k.name for k in KPIS if k.better == "lower")
