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
from simgroup.i18n import get_language
from simgroup.results.text import table
from simgroup.results.text_words import say, say_note

if TYPE_CHECKING:
    from simgroup.experiment.robust import RobustComparison, RobustKpi

#: Parameters named in the header at most (the JSON lists them all).
SHOWN_PARAMETERS = 8


def share_cell(r: RobustKpi) -> str:
    """``27/32 (84%)``: the worlds in which B is better."""
    if r.defined == 0:
        return "n/a"
    return f"{r.wins}/{r.defined} ({r.share * 100:.0f}%)"


def share_ci_cell(r: RobustKpi) -> str:
    """``[68%, 93%]``: the interval of that share."""
    lo, hi = r.share_ci
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return "n/a"
    return f"[{lo * 100:.0f}%, {hi * 100:.0f}%]"


def signed_amount(kpi: str, v: float) -> str:
    """A difference B - A in the KPI's unit, signed."""
    text = amount(kpi, v)
    return text if text.startswith("-") or text == "n/a" or v == 0 else "+" + text


def robust_report(result: RobustComparison) -> str:
    """The report (see the module docstring)."""
    plan = result.plan
    a, b = plan.inputs
    level = f"{result.confidence * 100:g}%"
    where = say("the scenario") if result.group is None else say("group spec {spec}", spec=result.group)
    lines = [
        say("Robust comparison of {where}: B against A in {worlds} worlds (Sobol' draws), {replications} "
            "replications per world at common random numbers, {days} days, seed {seed}", where=where,
            worlds=plan.worlds, replications=plan.options.replications, days=plan.options.days,
            seed=plan.options.seed),
        "  " + say("A (baseline): {name}", name=a.scenario.name) + (f"  [{a.path}]" if a.path is not None else ""),
        "  " + say("B (variant):  {name}", name=b.scenario.name) + (f"  [{b.path}]" if b.path is not None else ""),
    ]
    names = [p.name for p in plan.parameters]
    more = say(" and {n} more", n=len(names) - SHOWN_PARAMETERS) if len(names) > SHOWN_PARAMETERS else ""
    shown = ", ".join(names[:SHOWN_PARAMETERS]) + more
    lines.append("  " + say("{n} uncertain parameters varied (the union of both scenarios'): {shown}",
                            n=len(names), shown=shown))
    lines.append("")
    rows: list[tuple[str, ...]] = [(say("KPI"), say("better"), say("B better in"), say("{level} CI", level=level),
                                    say("B-A p5"), say("median"), say("p95"), say("ties"), say("close"))]
    for k, r in result.kpis.items():
        q = r.quantiles
        rows.append((k, say(r.better), share_cell(r), share_ci_cell(r), signed_amount(k, q["p5"]), signed_amount(k, q["p50"]),
                     signed_amount(k, q["p95"]), str(r.ties), str(r.close)))
    lines += table(rows, left=2)
    lines.append("")
    lines.append(say("ties: worlds where B-A is exactly 0 (the KPI does not depend on what differs); close: worlds"))
    lines.append(say("whose paired interval of B-A includes 0 (another seed could flip them)."))
    lang = get_language()
    said = [r.sentence(lang=lang) for r in result.kpis.values() if r.defined and 0 < r.wins < r.defined]
    if said:
        lines.append("")
        lines.append(say("Where the decision flips:"))
        lines += [f"  {s}{'。' if lang == 'zh' else '.'}" for s in said]
    for note in plan.notes:
        lines.append(say("note: {note}", note=say_note(note)))
    return "\n".join(lines) + "\n"
