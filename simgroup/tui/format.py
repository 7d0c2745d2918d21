"""Numbers as the TUI shows them: the CLI's per-KPI formats (shares as %, money with 2 decimals),
``n/a`` for undefined values and intervals, and signed differences."""

from __future__ import annotations

import math

from simgroup.cli._format import formatter
from simgroup.results.stats import Difference, Summary

NA = "n/a"


def value(kpi: str, v: float) -> str:
    return NA if not math.isfinite(v) else formatter(kpi)(v)


def signed(kpi: str, v: float) -> str:
    if not math.isfinite(v):
        return NA
    text = formatter(kpi)(abs(v))
    return ("+" if v >= 0 else "−") + text


def interval(kpi: str, lo: float, hi: float, *, sign: bool = False) -> str:
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return NA
    show = signed if sign else value
    return f"[{show(kpi, lo)}, {show(kpi, hi)}]"


def summary_cells(kpi: str, s: Summary) -> tuple[str, str, str]:
    """``(mean, 95 % CI, n)``."""
    return value(kpi, s.mean), interval(kpi, *s.ci95), str(s.n)


def difference_cell(kpi: str, d: Difference) -> str:
    """``+1.2% [+0.3%, +2.1%] *`` (the star when the interval excludes 0)."""
    mark = " *" if d.significant else ""
    return f"{signed(kpi, d.mean)} {interval(kpi, *d.ci, sign=True)}{mark}"


def percent_level(confidence: float) -> str:
    return f"{confidence * 100:.4g}%"
