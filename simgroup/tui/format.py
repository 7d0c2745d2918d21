"""Differences as the TUI shows them. Values, intervals, levels and variant letters are the CLI's
(:mod:`simgroup.results.text`); a difference cell here differs on purpose: a typographic minus,
``+`` on zero too, and a star for a significant difference (the table sets it in bold)."""

from __future__ import annotations

import math

from simgroup.results.stats import Difference
from simgroup.results.text import NA, formatter, interval


def signed(kpi: str, v: float) -> str:
    if not math.isfinite(v):
        return NA
    text = formatter(kpi)(abs(v))
    return ("+" if v >= 0 else "−") + text


def difference_cell(kpi: str, d: Difference) -> str:
    """``+1.2% [+0.3%, +2.1%] *`` (the star when the interval excludes 0)."""
    mark = " *" if d.significant else ""
    return f"{signed(kpi, d.mean)} {interval(kpi, *d.ci, show=signed)}{mark}"
