"""Plain-text KPI tables for the terminal (no rich: the output must paste cleanly into a ticket).

Formats by kind of KPI: shares as percentages (1 decimal, 2 for daily rates), money with 2
decimals and thousands separators, counts, hours and days with 1 decimal (they are means over
replications), ratios with 2 decimals. An undefined value is ``n/a``; so is the interval of a KPI
with fewer than 2 defined replications. God-view KPIs (not visible in WeCom) are marked ``*``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from simgroup.results.records import KPI_VIEWS
from simgroup.results.report import RunResult
from simgroup.results.stats import Summary

GOD_VIEW_MARK = "*"

_SHARES = frozenset(
    {"retention_12h", "retention_d1", "retention_d7", "mute_by_d3", "muted_share", "folded_share",
     "reach_rate", "speak_rate", "conversion"}
)
_SMALL_SHARES = frozenset({"order_rate_daily"})
_MONEY = frozenset({"gmv", "gross_profit", "cost_acquisition", "cost_incentives", "cost_labor", "profit", "cac"})
_RATIOS = frozenset({"roi", "k_factor"})


def formatter(kpi: str) -> Callable[[float], str]:
    """The function that prints one value of ``kpi``."""
    if kpi in _SHARES:
        return lambda v: f"{v * 100:.1f}%"
    if kpi in _SMALL_SHARES:
        return lambda v: f"{v * 100:.2f}%"
    if kpi in _MONEY:
        return lambda v: f"{v:,.2f}"
    if kpi in _RATIOS:
        return lambda v: f"{v:.2f}"
    return lambda v: f"{v:,.1f}"


def _value(kpi: str, v: float) -> str:
    return "n/a" if not math.isfinite(v) else formatter(kpi)(v)


def _interval(kpi: str, s: Summary) -> str:
    lo, hi = s.ci95
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return "n/a"
    return f"[{_value(kpi, lo)}, {_value(kpi, hi)}]"


def kpi_rows(kpis: dict[str, Summary]) -> list[tuple[str, str, str, str]]:
    """``(label, mean, 95 % CI, n)`` per KPI, the label marked when the KPI is god-view."""
    rows = []
    for name, s in kpis.items():
        label = f"{name} {GOD_VIEW_MARK}" if KPI_VIEWS.get(name) == "god-view" else name
        rows.append((label, _value(name, s.mean), _interval(name, s), str(s.n)))
    return rows


def kpi_table(kpis: dict[str, Summary], *, indent: str = "  ") -> list[str]:
    """Aligned lines: KPI left-aligned, numbers right-aligned."""
    header = ("KPI", "mean", "95% CI", "n")
    rows = [header, *kpi_rows(kpis)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for r in rows:
        cells = [r[0].ljust(widths[0]), r[1].rjust(widths[1]), r[2].rjust(widths[2]), r[3].rjust(widths[3])]
        lines.append(indent + "  ".join(cells).rstrip())
    return lines


def run_report(run: RunResult) -> str:
    """The whole plain-text report: header, scenario-level table, one table per group spec."""
    source = f" ({run.scenario_path})" if run.scenario_path else ""
    lines = [
        f"{run.scenario_name}{source}",
        f"seed {run.seed}, {run.replications} replications, {run.days} days from {run.start.isoformat()}",
        "",
        "Scenario",
        *kpi_table(run.kpis),
    ]
    for spec_id, kpis in run.groups.items():
        lines += ["", f"Group spec: {spec_id}", *kpi_table(kpis)]
    lines += [
        "",
        f"{GOD_VIEW_MARK} god-view: only the simulation sees it, WeCom cannot. "
        "Means over replications; 95% Student-t intervals.",
    ]
    return "\n".join(lines) + "\n"
