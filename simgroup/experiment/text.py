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
    kpi_row_label,
    percent_level,
    table,
    value,
    variant_letters,
)
from simgroup.results.text_words import say, say_note

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
        say("Comparing {n} variants under common random numbers: seed {seed}, {replications} replications, {days} days",
            n=len(cmp.variants), seed=cmp.seed, replications=cmp.replications, days=cmp.days),
    ]
    for letter, run in zip(letters, cmp.variants):
        source = f"  ({run.scenario_path})" if run.scenario_path else ""
        role = "  " + say("[baseline]") if letter == "A" else ""
        lines.append(f"  {letter}  {run.scenario_name}{source}{role}")
    level = percent_level(cmp.difference_confidence)
    header = (say("KPI"), *(say("{x} mean [95% CI]", x=x) for x in letters),
              *(say("{x} - A [{level} CI]", x=x, level=level) for x in letters[1:]))

    def section(title: str, group: str | None) -> list[str]:
        rows: list[tuple[str, ...]] = [header]
        for kpi in KPI_VIEWS:
            label = kpi_row_label(kpi)
            cells = []
            for run in cmp.variants:
                scope = run.kpis if group is None else run.groups.get(group)
                cells.append("-" if scope is None else mean_cell(kpi, scope[kpi]))
            for i in range(1, len(cmp.variants)):
                diffs = cmp.differences[i] if group is None else cmp.group_differences[i].get(group)
                cells.append("-" if diffs is None else difference_cell(kpi, diffs[kpi]))
            rows.append((label, *cells))
        return ["", title, *table(rows)]

    lines += section(say("Scenario"), None)
    for group in cmp.variants[0].group_ids:
        lines += section(say("Group spec: {spec}", spec=group), group)
    for note in cmp.notes:
        lines += ["", say("note: {note}", note=say_note(note))]
    adjusted = (
        say(" ({level} each: Bonferroni over {comparisons} comparisons)", level=level, comparisons=cmp.comparisons)
        if cmp.comparisons > 1 else ""
    )
    lines += [
        "",
        say("Differences are paired (replication r of every variant shares its random numbers){adjusted}; sig: the "
            "interval excludes 0. Differences of shares are in percentage points.", adjusted=adjusted),
        say("{mark} god-view: only the simulation sees it, WeCom cannot.", mark=GOD_VIEW_MARK),
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
    goal = say("maximize" if result.maximize else "minimize")
    source = f" ({result.scenario_path})" if result.scenario_path else ""
    lines = [
        say("Sweep of {name}{source}", name=result.scenario_name, source=source),
        say("{points} settings, seed {seed}, {replications} replications each, {days} days; KPI {kpi} ({goal})",
            points=len(result.points), seed=result.seed, replications=result.replications, days=result.days,
            kpi=kpi, goal=goal),
        "",
    ]
    best = result.best_index
    rows: list[tuple[str, ...]] = [(*(a.dotted for a in result.axes), say("{kpi} mean", kpi=kpi), say("95% CI"), "")]
    for i, p in enumerate(result.points):
        s = p.run.kpis[kpi]
        rows.append((*(_setting(p.settings[a.dotted]) for a in result.axes), value(kpi, s.mean),
                     interval(kpi, *s.ci95), say("<- best") if i == best else ""))
    n_axes = len(result.axes)
    lines += table(rows, left=n_axes)  # the marker column is "<- best" or empty: right-aligning keeps it

    if n_axes == 2:
        lines += ["", *_heatmap(result)]
    lines.append("")
    if best is None:
        lines.append(say("No setting has a defined {kpi}.", kpi=kpi))
    else:
        p = result.points[best]
        s = p.run.kpis[kpi]
        shown = ", ".join(f"{k}={_setting(v)}" for k, v in p.settings.items())
        lines.append(say("Best: {shown}: {kpi} {mean} {interval} (95% CI, n={n})", shown=shown, kpi=kpi,
                         mean=value(kpi, s.mean), interval=interval(kpi, *s.ci95), n=s.n))
        diff, runner = result.best_vs_runner_up(), result.runner_up_index
        if diff is not None and runner is not None:
            other = ", ".join(f"{k}={_setting(v)}" for k, v in result.points[runner].settings.items())
            verdict = say("significant" if diff.significant else "not significant: the runner-up may be as good")
            lines.append(say("  vs runner-up ({other}): {difference} paired, 95% ({verdict})", other=other,
                             difference=difference_cell(kpi, diff).rstrip(), verdict=verdict))
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
        say("Heatmap of {kpi} (darker = better: '{best}' best, '{worst}' worst)", kpi=result.kpi, best=_SHADES[-1],
            worst=_SHADES[1]),
        *table(grid),
    ]
