"""Plain-text reports of ``simgroup compare`` and ``simgroup sweep``, from the pieces of
:mod:`simgroup.results.text` (one formatter for every number).

Comparisons add paired differences (signed, ``sig`` when the interval excludes 0); sweeps add a
text heatmap for two axes (ASCII shades, darker = better).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from simgroup.kpis import KPI_VIEWS
from simgroup.results.stats import Difference, Summary
from simgroup.results.text import (
    GOD_VIEW_MARK,
    interval,
    percent_level,
    table,
    value,
    variant_letters,
)

if TYPE_CHECKING:
    from simgroup.experiment.compare import Comparison
    from simgroup.experiment.sweep import SweepResult


def _signed(kpi: str, v: float) -> str:
    text = value(kpi, v)
    return "+" + text if math.isfinite(v) and v > 0 else text


def difference_cell(kpi: str, d: Difference) -> str:
    """``+1.2 [0.4, 2.0] sig``: the paired difference, its interval, and a mark when the
    interval excludes 0."""
    return f"{_signed(kpi, d.mean)} {interval(kpi, *d.ci, show=_signed)}{' sig' if d.significant else '    '}"


def mean_cell(kpi: str, s: Summary) -> str:
    """``12.3 [10.1, 14.5]``: a mean with its 95 % interval."""
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
                cells.append("-" if scope is None else mean_cell(kpi, scope[kpi]))
            for i in range(1, len(cmp.variants)):
                diffs = cmp.differences[i] if group is None else cmp.group_differences[i].get(group)
                cells.append("-" if diffs is None else difference_cell(kpi, diffs[kpi]))
            rows.append((label, *cells))
        return ["", title, *table(rows)]

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
    lines += table(rows, left=n_axes)  # the marker column is "<- best" or empty: right-aligning keeps it

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
    grid: list[tuple[str, ...]] = [(corner, *(_setting(v) for v in cols_axis.values))]
    for rv in rows_axis.values:
        cells = []
        for cv in cols_axis.values:
            m = means[(str(rv), str(cv))]
            cells.append(f"{_shade(m, lo, hi, result.maximize)} {value(result.kpi, m)}")
        grid.append((_setting(rv), *cells))
    return [
        f"Heatmap of {result.kpi} (darker = better: '{_SHADES[-1]}' best, '{_SHADES[1]}' worst)",
        *table(grid),
    ]
