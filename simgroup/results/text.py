"""Plain-text KPI tables and number formatting, one home shared by the CLI and the TUI (no rich:
the output must paste cleanly into a ticket).

Formats by kind of KPI: shares as percentages (1 decimal, 2 for daily rates), money with 2
decimals and thousands separators, counts, hours and days with 1 decimal (they are means over
replications), ratios with 2 decimals. An undefined value is ``n/a``; so is the interval of a KPI
with fewer than 2 defined replications. God-view KPIs (not visible in WeCom) are marked ``*``.
Comparisons add paired differences (signed, ``sig`` when the interval excludes 0); sweeps add a
text heatmap for two axes (ASCII shades, darker = better).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from simgroup.results.records import KPI_VIEWS
from simgroup.results.report import RunResult
from simgroup.results.stats import Difference, Summary

if TYPE_CHECKING:
    from simgroup.experiment.compare import Comparison
    from simgroup.experiment.sweep import SweepResult

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


def kpi_rows(kpis: dict[str, Summary]) -> list[tuple[str, str, str, str]]:
    """``(label, mean, 95 % CI, n)`` per KPI, the label marked when the KPI is god-view."""
    rows = []
    for name, s in kpis.items():
        label = f"{name} {GOD_VIEW_MARK}" if KPI_VIEWS.get(name) == "god-view" else name
        rows.append((label, *summary_cells(name, s)))
    return rows


def kpi_table(kpis: dict[str, Summary], *, indent: str = "  ") -> list[str]:
    """Aligned lines: KPI left-aligned, numbers right-aligned."""
    return _table([("KPI", "mean", "95% CI", "n"), *kpi_rows(kpis)], indent=indent)


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


# --------------------------------------------------------------------------- compare and sweep


def _table(rows: list[tuple[str, ...]], *, indent: str = "  ", left: int = 1) -> list[str]:
    """Aligned lines: the first ``left`` columns left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        indent + "  ".join(
            [*(c.ljust(w) for c, w in zip(r[:left], widths)), *(c.rjust(w) for c, w in zip(r[left:], widths[left:]))]
        ).rstrip()
        for r in rows
    ]


def _signed(kpi: str, v: float) -> str:
    text = value(kpi, v)
    return "+" + text if math.isfinite(v) and v > 0 else text


def difference_cell(kpi: str, d: Difference) -> str:
    """``+1.2 [0.4, 2.0] sig``: the paired difference, its interval, and a mark when the
    interval excludes 0."""
    return f"{_signed(kpi, d.mean)} {interval(kpi, *d.ci, show=_signed)}{' sig' if d.significant else '    '}"


def _mean_cell(kpi: str, s: Summary) -> str:
    return f"{value(kpi, s.mean)} {interval(kpi, *s.ci95)}"


def comparison_report(cmp: Comparison) -> str:
    """The ``simgroup compare`` report: a legend of variants, then per scope one row per KPI with
    every variant's mean [95% CI] and each paired difference to the baseline."""
    letters = variant_letters(len(cmp.variants))
    lines = [
        f"Comparing {len(cmp.variants)} variants under common random numbers: "
        f"seed {cmp.seed}, {cmp.replications} replications, {cmp.days} days",
    ]
    for letter, run in zip(letters, cmp.variants):
        source = f"  ({run.scenario_path})" if run.scenario_path else ""
        role = "  [baseline]" if letter == "A" else ""
        lines.append(f"  {letter}  {run.scenario_name}{source}{role}")
    level = percent_level(cmp.difference_confidence)
    header = ("KPI", *(f"{x} mean [95% CI]" for x in letters), *(f"{x} - A [{level} CI]" for x in letters[1:]))

    def section(title: str, group: str | None) -> list[str]:
        rows: list[tuple[str, ...]] = [header]
        for kpi in KPI_VIEWS:
            label = f"{kpi} {GOD_VIEW_MARK}" if KPI_VIEWS[kpi] == "god-view" else kpi
            cells = []
            for run in cmp.variants:
                scope = run.kpis if group is None else run.groups.get(group)
                cells.append("-" if scope is None else _mean_cell(kpi, scope[kpi]))
            for i in range(1, len(cmp.variants)):
                diffs = cmp.differences[i] if group is None else cmp.group_differences[i].get(group)
                cells.append("-" if diffs is None else difference_cell(kpi, diffs[kpi]))
            rows.append((label, *cells))
        return ["", title, *_table(rows)]

    lines += section("Scenario", None)
    for group in cmp.variants[0].group_ids:
        lines += section(f"Group spec: {group}", group)
    for note in cmp.notes:
        lines += ["", f"note: {note}"]
    adjusted = (
        f" ({level} each: Bonferroni over {cmp.comparisons} comparisons)" if cmp.comparisons > 1 else ""
    )
    lines += [
        "",
        f"Differences are paired (replication r of every variant shares its random numbers){adjusted}; "
        "sig: the interval excludes 0. Differences of shares are in percentage points.",
        f"{GOD_VIEW_MARK} god-view: only the simulation sees it, WeCom cannot.",
    ]
    return "\n".join(lines) + "\n"


_SHADES = " .:-=+*#%@"


def _shade(value: float, lo: float, hi: float, maximize: bool) -> str:
    """Three characters, darker for better values (relative to the grid's range)."""
    if not math.isfinite(value):
        return "   "
    share = 1.0 if hi == lo else (value - lo) / (hi - lo)
    if not maximize:
        share = 1.0 - share
    return _SHADES[1 + int(share * (len(_SHADES) - 2) + 0.5)] * 3


def _setting(v: object) -> str:
    return "true" if v is True else "false" if v is False else str(v)


def sweep_report(result: SweepResult) -> str:
    """The ``simgroup sweep`` report: one row per grid point, a heatmap for two axes, the best."""
    kpi = result.kpi
    goal = "maximize" if result.maximize else "minimize"
    source = f" ({result.scenario_path})" if result.scenario_path else ""
    lines = [
        f"Sweep of {result.scenario_name}{source}",
        f"{len(result.points)} settings, seed {result.seed}, {result.replications} replications each, "
        f"{result.days} days; KPI {kpi} ({goal})",
        "",
    ]
    best = result.best_index
    rows: list[tuple[str, ...]] = [(*(a.dotted for a in result.axes), f"{kpi} mean", "95% CI", "")]
    for i, p in enumerate(result.points):
        s = p.run.kpis[kpi]
        rows.append((*(_setting(p.settings[a.dotted]) for a in result.axes), value(kpi, s.mean),
                     interval(kpi, *s.ci95), "<- best" if i == best else ""))
    n_axes = len(result.axes)
    lines += _table(rows, left=n_axes)  # the marker column is "<- best" or empty: right-aligning keeps it

    if n_axes == 2:
        lines += ["", *_heatmap(result)]
    lines.append("")
    if best is None:
        lines.append(f"No setting has a defined {kpi}.")
    else:
        p = result.points[best]
        s = p.run.kpis[kpi]
        shown = ", ".join(f"{k}={_setting(v)}" for k, v in p.settings.items())
        lines.append(f"Best: {shown}: {kpi} {value(kpi, s.mean)} {interval(kpi, *s.ci95)} (95% CI, n={s.n})")
        diff, runner = result.best_vs_runner_up(), result.runner_up_index
        if diff is not None and runner is not None:
            other = ", ".join(f"{k}={_setting(v)}" for k, v in result.points[runner].settings.items())
            verdict = "significant" if diff.significant else "not significant: the runner-up may be as good"
            lines.append(f"  vs runner-up ({other}): {difference_cell(kpi, diff).rstrip()} paired, 95% ({verdict})")
    return "\n".join(lines) + "\n"


def _heatmap(result: SweepResult) -> list[str]:
    rows_axis, cols_axis = result.axes
    means = {
        (str(p.settings[rows_axis.dotted]), str(p.settings[cols_axis.dotted])): p.run.kpis[result.kpi].mean
        for p in result.points
    }
    finite = [m for m in means.values() if math.isfinite(m)]
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 0.0)
    corner = f"{rows_axis.dotted} \\ {cols_axis.dotted}"
    table: list[tuple[str, ...]] = [(corner, *(_setting(v) for v in cols_axis.values))]
    for rv in rows_axis.values:
        cells = []
        for cv in cols_axis.values:
            m = means[(str(rv), str(cv))]
            cells.append(f"{_shade(m, lo, hi, result.maximize)} {value(result.kpi, m)}")
        table.append((_setting(rv), *cells))
    return [
        f"Heatmap of {result.kpi} (darker = better: '{_SHADES[-1]}' best, '{_SHADES[1]}' worst)",
        *_table(table),
    ]
