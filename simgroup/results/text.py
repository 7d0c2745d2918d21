"""Plain-text KPI tables and number formatting, one home shared by the CLI and the TUI (no rich:
the output must paste cleanly into a ticket).

Formats by kind of KPI: shares as percentages (1 decimal, 2 for daily rates), money with 2
decimals and thousands separators, counts, hours and days with 1 decimal (they are means over
replications), ratios with 2 decimals. An undefined value is ``n/a``; so is the interval of a KPI
with fewer than 2 defined replications. God-view KPIs (not visible in WeCom) are marked ``*``.
The comparison and sweep reports, built from these pieces, are in :mod:`simgroup.experiment.text`.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable

from simgroup.i18n import get_language, kpi_label
from simgroup.kpis import KPI, KPI_VIEWS
from simgroup.results.report import RunResult
from simgroup.results.stats import Summary
from simgroup.results.text_words import say

GOD_VIEW_MARK = "*"

def formatter(kpi: str) -> Callable[[float], str]:
    """The function that prints one value of ``kpi``, by its unit in :data:`simgroup.kpis.KPI`:
    a share as a percentage, money and ratios with two decimals, the rest with one."""
    info = KPI.get(kpi)
    if info is None:
        return lambda v: f"{v:,.1f}"
    digits = info.digits
    if info.unit == "share":
        return lambda v: f"{v * 100:.{digits}f}%"
    if info.unit == "ratio":
        return lambda v: f"{v:.{digits}f}"
    return lambda v: f"{v:,.{digits}f}"


NA = "n/a"


def value(kpi: str, v: float) -> str:
    """One value of ``kpi`` (:func:`formatter`), ``n/a`` when undefined."""
    return NA if not math.isfinite(v) else formatter(kpi)(v)


def interval(kpi: str, lo: float, hi: float, show: Callable[[str, float], str] = value) -> str:
    """``[lo, hi]`` with each end written by ``show``; ``n/a`` when either end is undefined."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return NA
    return f"[{show(kpi, lo)}, {show(kpi, hi)}]"


def summary_cells(kpi: str, s: Summary) -> tuple[str, str, str]:
    """``(mean, 95 % CI, n)`` of one KPI."""
    return value(kpi, s.mean), interval(kpi, *s.ci95), str(s.n)


def percent_level(confidence: float) -> str:
    """A confidence level as a percentage: ``95%``, ``97.5%``."""
    return f"{confidence * 100:.4g}%"


def variant_letters(n: int) -> list[str]:
    """The names of ``n`` compared variants: ``A``, ``B``, … ``Z``, then ``V26``, ``V27``… (the
    variant's index, as in the ``compare --json`` differences)."""
    return [chr(ord("A") + i) if i < 26 else f"V{i}" for i in range(n)]


def kpi_row_label(name: str) -> str:
    """A KPI's name as a table row shows it: marked ``*`` when god-view, and in Chinese with its
    label in front (``入群人数 joined``): the name is what ``expect:`` and ``--kpi`` take."""
    label = f"{name} {GOD_VIEW_MARK}" if KPI_VIEWS.get(name) == "god-view" else name
    lang = get_language()
    return f"{kpi_label(name, lang)} {label}" if lang == "zh" else label


def kpi_rows(kpis: dict[str, Summary]) -> list[tuple[str, str, str, str]]:
    """``(label, mean, 95 % CI, n)`` per KPI (:func:`kpi_row_label`)."""
    return [(kpi_row_label(name), *summary_cells(name, s)) for name, s in kpis.items()]


def kpi_table(kpis: dict[str, Summary], *, indent: str = "  ") -> list[str]:
    """Aligned lines: KPI left-aligned, numbers right-aligned."""
    return table([(say("KPI"), say("mean"), say("95% CI"), "n"), *kpi_rows(kpis)], indent=indent)


def run_report(run: RunResult) -> str:
    """The whole plain-text report: header, scenario-level table, one table per group spec."""
    source = f" ({run.scenario_path})" if run.scenario_path else ""
    lines = [
        f"{run.scenario_name}{source}",
        say("seed {seed}, {replications} replications, {days} days from {start}", seed=run.seed,
            replications=run.replications, days=run.days, start=run.start.isoformat()),
        "",
        say("Scenario"),
        *kpi_table(run.kpis),
    ]
    for spec_id, kpis in run.groups.items():
        lines += ["", say("Group spec: {spec}", spec=spec_id), *kpi_table(kpis)]
    lines += [
        "",
        say("{mark} god-view: only the simulation sees it, WeCom cannot. Means over replications; 95% Student-t "
            "intervals, cut to the values a KPI can take.", mark=GOD_VIEW_MARK),
    ]
    few = few_replications_note(run.replications)
    if few:
        lines.append(few)
    return "\n".join(lines) + "\n"


#: Below this many replications an interval says little (t with 1-3 degrees of freedom is wide).
FEW_REPLICATIONS = 5


def few_replications_note(replications: int) -> str | None:
    """A warning line when ``replications`` are too few for a meaningful interval, else None."""
    if replications >= FEW_REPLICATIONS:
        return None
    return say(
        "Note: only {replications} replication(s): the intervals are too wide to tell much (n/a with 1); run "
        "{more} or more, or use --precision.", replications=replications, more=FEW_REPLICATIONS * 2,
    )


# --------------------------------------------------------------------------- compare and sweep


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: two for a wide (CJK) character, none for a combining mark."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def _pad(text: str, width: int, left: bool) -> str:
    fill = " " * max(width - display_width(text), 0)
    return text + fill if left else fill + text


def table(rows: list[tuple[str, ...]], *, indent: str = "  ", left: int = 1) -> list[str]:
    """Aligned lines: the first ``left`` columns left-aligned, the others right-aligned (by
    :func:`display_width`, so Chinese text lines up)."""
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        indent + "  ".join(
            [*(_pad(c, w, True) for c, w in zip(r[:left], widths)),
             *(_pad(c, w, False) for c, w in zip(r[left:], widths[left:]))]
        ).rstrip()
        for r in rows
    ]
