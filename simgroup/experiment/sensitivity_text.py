"""Plain-text report of ``simgroup sensitivity`` (no rich: it must paste cleanly into a ticket).

Contract: :func:`sensitivity_report` gives a header (scenario, method, design size, what was held
or left out, the KPI's spread over the worlds and the replication noise), a table with one row
per parameter in rank order (main index, its 95 % interval, the secondary indices, the
one-line meaning) and an ASCII bar chart of the main index (``#`` bars scaled to the largest,
at most :data:`CHART_ROWS` rows). Morris indices are in the KPI's unit (a share's in
percentage points, ``pp``); Sobol' indices are shares of the KPI's variance across worlds.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from simgroup.experiment.sensitivity_analysis import MORRIS_LEVELS, amount, level, unit_word
from simgroup.kpis import KPI
from simgroup.results.text import table
from simgroup.results.text_words import say, say_note

if TYPE_CHECKING:
    from simgroup.experiment.sensitivity import SensitivityResult, SensitivityRow

#: Bars drawn at most (the table lists every parameter).
CHART_ROWS = 20
#: Characters of the longest bar.
BAR_WIDTH = 40


def _unit(result: SensitivityResult) -> str:
    """The unit of the Morris indices (a share's in percentage points), for the table header."""
    return unit_word(KPI[result.kpi].unit)


def _decimals(result: SensitivityResult) -> int:
    """Decimals of every index of the report: three significant digits of the largest, so
    that the column reads on one scale (and float dust such as 5e-17 prints as 0)."""
    if result.method == "sobol":
        return 2
    scale = 100.0 if KPI[result.kpi].unit == "share" else 1.0
    top = max((abs(r.main) * scale for r in result.rows if math.isfinite(r.main)), default=0.0)
    if top <= 0:
        return 2
    return min(6, max(0, 2 - math.floor(math.log10(top))))


def index_text(result: SensitivityResult, v: float) -> str:
    """An index as printed: a Morris effect in the KPI's unit (pp for a share), a Sobol' share."""
    if not math.isfinite(v):
        return "n/a"
    if result.method == "morris" and KPI[result.kpi].unit == "share":
        v *= 100
    text = f"{v:,.{_decimals(result)}f}"
    return text.lstrip("-") if not text.strip("-0.,") else text  # "-0.00" (a tiny negative) is 0


def unit_suffix(result: SensitivityResult) -> str:
    return f" {_unit(result)}" if result.method == "morris" and _unit(result) else ""


def _interval(result: SensitivityResult, ci: tuple[float, float]) -> str:
    if not all(math.isfinite(x) for x in ci):
        return "n/a"
    return f"[{index_text(result, ci[0])}, {index_text(result, ci[1])}]"


def row_cells(result: SensitivityResult, rank: int, row: SensitivityRow) -> tuple[str, ...]:
    """One table row: rank, parameter, the indices as printed (:func:`index_text`), the meaning."""
    v = row.values
    if result.method == "morris":
        cells = (index_text(result, v["mu_star"]), _interval(result, row.intervals["mu_star"]),
                 index_text(result, v["mu"]), index_text(result, v["sigma"]))
    else:
        cells = (index_text(result, v["ST"]), _interval(result, row.intervals["ST"]),
                 index_text(result, v["S1"]), _interval(result, row.intervals["S1"]))
    return (str(rank), row.parameter.name, *cells, row.meaning)


def table_header(result: SensitivityResult) -> tuple[str, ...]:
    """The column names of the table whose rows are :func:`row_cells`."""
    if result.method == "morris":
        unit = f" ({_unit(result)})" if unit_suffix(result) else ""
        return ("#", say("parameter"), f"mu*{unit}", say("95% CI"), "mu", "sigma", say("meaning"))
    return ("#", say("parameter"), "ST", say("95% CI"), "S1", say("S1 95% CI"), say("meaning"))


def header_lines(result: SensitivityResult) -> list[str]:
    scope = say("group spec {spec}", spec=result.group) if result.group else say("the scenario")
    source = f" ({result.scenario_path})" if result.scenario_path else ""
    k = len(result.rows)
    if result.method == "morris":
        design = say("Morris elementary effects: {worlds} trajectories x ({k} parameters + 1) = {runs} worlds on "
                     "a {levels}-level grid", worlds=result.worlds, k=k, runs=result.runs, levels=MORRIS_LEVELS)
    else:
        design = say("Sobol' indices (Saltelli design): N = {worlds} x ({k} parameters + 2) = {runs} worlds",
                     worlds=result.worlds, k=k, runs=result.runs)
    distinct = (say(", {n} distinct", n=result.distinct_worlds) if result.distinct_worlds != result.runs else "")
    lines = [
        say("Sensitivity of {kpi} ({scope}) in {name}{source}", kpi=result.kpi, scope=scope,
            name=result.scenario_name, source=source),
        say("{design}{distinct}; {replications} replication(s) each at common random numbers (seed {seed}), "
            "{days} days", design=design, distinct=distinct, replications=result.replications, seed=result.seed,
            days=result.days),
    ]
    if result.held:
        shown = ", ".join(f"{k}={v:g}" for k, v in result.held.items())
        lines.append(say("Held at the scenario's values (set under model:): {shown}", shown=shown))
    if result.unused:
        lines.append(say("Not varied: {n} parameters the scenario does not use (or cannot vary)", n=result.unused))
    s = result.kpi_spread
    lines.append(say(
        "{kpi} over the worlds: mean {mean}, sd {sd}, range {low} to {high}", kpi=result.kpi,
        mean=level(result.kpi, s["mean"]), sd=amount(result.kpi, s["sd"]), low=level(result.kpi, s["min"]),
        high=level(result.kpi, s["max"]),
    ))
    if math.isfinite(result.noise_se):
        what = "mu*" if result.method == "morris" else "ST"
        lines.append(say(
            "Replication noise: standard error of a world's mean {se}; {what} at about {level} is what noise "
            "alone gives", se=amount(result.kpi, result.noise_se), what=what,
            level=index_text(result, result.noise_level) + unit_suffix(result),
        ))
    return lines


def chart_lines(result: SensitivityResult) -> list[str]:
    """The text bar chart of the main index by parameter (the CLI report's and the TUI's)."""
    rows = result.rows[:CHART_ROWS]
    finite = [r.main for r in rows if math.isfinite(r.main) and r.main > 0]
    top = max(finite, default=0.0)
    name = "mu*" if result.method == "morris" else "ST"
    more = say(", top {n} of {total}", n=len(rows), total=len(result.rows)) if len(result.rows) > len(rows) else ""
    width = max(len(r.parameter.name) for r in rows)
    unit = f" ({_unit(result)})" if unit_suffix(result) else ""
    lines = [say("{name} by parameter (bars scaled to the largest{more}):", name=name + unit, more=more)]
    for r in rows:
        v = r.main
        n = round(BAR_WIDTH * v / top) if top > 0 and math.isfinite(v) and v > 0 else 0
        lines.append(f"  {r.parameter.name.ljust(width)}  {('#' * n).ljust(BAR_WIDTH)}  {index_text(result, v)}")
    return lines


def sensitivity_report(result: SensitivityResult) -> str:
    """The ``simgroup sensitivity`` report (see the module docstring)."""
    lines = [*header_lines(result), ""]
    rows = [table_header(result), *(row_cells(result, i, r) for i, r in enumerate(result.rows, 1))]
    # rank and name left, numbers right; the meaning is last and left as it is (rstrip'd)
    body = table([r[:-1] for r in rows], left=2)
    lines += [f"{line}  {r[-1]}" for line, r in zip(body, rows)]
    lines += ["", *chart_lines(result), ""]
    if result.method == "morris":
        lines.append(say(
            "mu*: mean absolute change of the KPI when the parameter moves across its whole range (shares in "
            "percentage points, pp); mu: the signed mean; sigma > mu*: the effect depends on the other parameters "
            "or is non-linear. A screening: rank, do not quantify."
        ))
    else:
        lines.append(say(
            "ST: share of the KPI's variance across worlds due to the parameter with all its interactions; S1: "
            "alone. 95% bootstrap intervals; an interval covering the noise level means no detectable effect."
        ))
    lines += [say("note: {note}", note=say_note(n)) for n in result.notes]
    return "\n".join(lines) + "\n"
