"""Plain-text report of ``simgroup compare --robust`` (no rich: it must paste cleanly into a ticket).

Contract: :func:`robust_report` gives a header (the two variants as A and B, the worlds, the
parameters varied and what a variant holds), a table with one row per KPI that has a better
direction (the share of worlds where B is better with its interval, the 5 / 50 / 95 % quantiles
of B − A over the worlds in the KPI's unit, the ties and the worlds within replication noise) and, below it,
the result in words for every KPI where B does not simply win or tie everywhere, with the
parameter boxes where the decision flips.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from simgroup.experiment.sensitivity_analysis import amount
from simgroup.results.text import table

if TYPE_CHECKING:
    from simgroup.experiment.robust import RobustComparison, RobustKpi

#: Parameters named in the header at most (the JSON lists them all).
SHOWN_PARAMETERS = 8


def _share(r: RobustKpi) -> str:
    if r.defined == 0:
        return "n/a"
    return f"{r.wins}/{r.defined} ({r.share * 100:.0f}%)"


def _ci(r: RobustKpi) -> str:
    lo, hi = r.share_ci
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return "n/a"
    return f"[{lo * 100:.0f}%, {hi * 100:.0f}%]"


def _signed(kpi: str, v: float) -> str:
    text = amount(kpi, v)
    return text if text.startswith("-") or text == "n/a" or v == 0 else "+" + text


def robust_report(result: RobustComparison) -> str:
    """The report (see the module docstring)."""
    plan = result.plan
    a, b = plan.inputs
    level = f"{result.confidence * 100:g}%"
    where = "the scenario" if result.group is None else f"group spec {result.group}"
    lines = [
        f"Robust comparison of {where}: B against A in {plan.worlds} worlds (Sobol' draws), "
        f"{plan.options.replications} replications per world at common random numbers, "
        f"{plan.options.days} days, seed {plan.options.seed}",
        f"  A (baseline): {a.scenario.name}" + (f"  [{a.path}]" if a.path is not None else ""),
        f"  B (variant):  {b.scenario.name}" + (f"  [{b.path}]" if b.path is not None else ""),
    ]
    names = [p.name for p in plan.parameters]
    shown = ", ".join(names[:SHOWN_PARAMETERS]) + (f" and {len(names) - SHOWN_PARAMETERS} more"
                                                   if len(names) > SHOWN_PARAMETERS else "")
    lines.append(f"  {len(names)} uncertain parameters varied (the union of both scenarios'): {shown}")
    lines.append("")
    rows: list[tuple[str, ...]] = [("KPI", "better", "B better in", f"{level} CI", "B-A p5", "median", "p95", "ties", "close")]
    for k, r in result.kpis.items():
        q = r.quantiles
        rows.append((k, r.better, _share(r), _ci(r), _signed(k, q["p5"]), _signed(k, q["p50"]),
                     _signed(k, q["p95"]), str(r.ties), str(r.close)))
    lines += table(rows, left=2)
    lines.append("")
    lines.append("ties: worlds where B-A is exactly 0 (the KPI does not depend on what differs); close: worlds")
    lines.append("whose paired interval of B-A includes 0 (another seed could flip them).")
    said = [r.sentence() for r in result.kpis.values() if r.defined and 0 < r.wins < r.defined]
    if said:
        lines.append("")
        lines.append("Where the decision flips:")
        lines += [f"  {s}." for s in said]
    for note in plan.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n"
