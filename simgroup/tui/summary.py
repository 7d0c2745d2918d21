"""Plain-data views of scenarios and results for the TUI's widgets. No Textual here.

* :func:`find_scenarios` lists the scenario files of a folder (``*.yaml`` / ``*.yml``, hidden
  folders skipped, sorted); a file path is a workspace of one file.
* :func:`describe_step` says what an SOP step does in one line (``day 2 20:00 → flash_sale
  trial -50 % stock 100``).
* :func:`chart_bands` gives the daily series the Run and Compare charts draw, each a
  :class:`Band` (mean and 95 % interval per day); cumulative GMV and profit are summed per
  replication first, so their interval is that of the cumulative sum, not a sum of intervals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simgroup.results.report import RunResult
    from simgroup.scenario.models import SopStep


def find_scenarios(root: Path) -> list[Path]:
    """Scenario files under ``root`` (or ``[root]`` when it is a file)."""
    from simgroup.scenario.loader import scenario_files

    if root.is_file():
        return [root]
    if not root.is_dir():
        return []
    return scenario_files(root)


def _minutes(value: float) -> str:
    if value % 1440 == 0:
        return f"{int(value // 1440)}d"
    if value % 60 == 0:
        return f"{int(value // 60)}h"
    return f"{value:g}m"


def describe_trigger(step: SopStep) -> str:
    parts: list[str] = []
    if step.on is not None:
        parts.append(f"on {step.on}")
    if step.every is not None:
        parts.append(f"every {step.every}")
    day = step.day
    if day is not None:
        days = ",".join(str(d) for d in day) if isinstance(day, list) else str(day)
        parts.append(f"day {days}")
    if step.at is not None:
        parts.append(step.at)
    if step.after is not None:
        parts.append(f"after {_minutes(step.after)}")
    return " ".join(parts) or "-"


def describe_step(step: SopStep) -> str:
    """``trigger → action details`` for one SOP step model."""
    details: list[str] = [step.do]
    for name in ("kind", "product", "to", "name", "mode"):
        value = getattr(step, name, None)
        if value is not None and not (name == "kind" and step.do != "post"):
            details.append(str(value))
    discount = getattr(step, "discount", None)
    if discount:
        details.append(f"-{discount * 100:g}%")
    for name in ("stock", "winners", "offspring", "total"):
        value = getattr(step, name, None)
        if value is not None:
            details.append(f"{name} {value:g}" if isinstance(value, float) else f"{name} {value}")
    lasts = getattr(step, "lasts", None)
    if lasts is not None and step.do in ("flash_sale", "coupon", "livestream", "fission", "checkin"):
        details.append(_minutes(lasts))
    return f"{describe_trigger(step)} → {' '.join(details)}"


# --------------------------------------------------------------------------- charts


@dataclass(frozen=True)
class Band:
    """One daily series: day numbers (1-based), mean and 95 % interval (NaN where unknown)."""

    days: list[int]
    mean: list[float]
    lo: list[float]
    hi: list[float]

    @property
    def has_interval(self) -> bool:
        return any(math.isfinite(a) and math.isfinite(b) and a != b for a, b in zip(self.lo, self.hi))


def _band(mean: Any, lo: Any, hi: Any) -> Band:
    return Band(list(range(1, len(mean) + 1)), [float(v) for v in mean], [float(v) for v in lo], [float(v) for v in hi])


def _cumulative(run: RunResult, scope: str, series: str) -> Band:
    from simgroup.results.stats import summarize_columns

    rows: list[list[float]] = []
    for record in run.records:
        values = record.daily.get(scope, {}).get(series)
        if values is None:
            continue
        total, row = 0.0, []
        for v in values:
            total += float(v) if math.isfinite(float(v)) else 0.0
            row.append(total)
        rows.append(row)
    if not rows or not rows[0]:
        empty = [math.nan] * run.days
        return _band(empty, empty, empty)
    s = summarize_columns(rows)
    return _band(s.mean, s.ci95_lo, s.ci95_hi)


#: The charts, in display order: chart id -> the series it draws.
CHARTS: dict[str, tuple[str, ...]] = {
    "members": ("member_total",),
    "muted": ("muted", "folded"),
    "speakers": ("member_has_msg",),
    "money": ("gmv_cum", "profit_cum"),
}


def chart_bands(run: RunResult, scope: str = "all") -> dict[str, Band]:
    """Series name -> :class:`Band` for every series in :data:`CHARTS` (scope ``all`` or a
    group spec id)."""
    daily = run.daily.get(scope, {})
    out: dict[str, Band] = {}
    for name in ("member_total", "muted", "folded", "member_has_msg"):
        s = daily.get(name)
        out[name] = _band(s.mean, s.ci95_lo, s.ci95_hi) if s is not None else _band([], [], [])
    out["gmv_cum"] = _cumulative(run, scope, "gmv")
    out["profit_cum"] = _cumulative(run, scope, "profit")
    return out


def check_file(path: Path) -> tuple[Any | None, list[Any]]:
    """``(scenario, [])`` for a valid file, ``(None, diagnostics)`` otherwise; never raises for a
    bad file (an internal error becomes a file-level diagnostic, as in ``simgroup validate``)."""
    from simgroup.scenario import ScenarioError, load_scenario
    from simgroup.scenario.diagnostics import Diagnostic

    try:
        return load_scenario(path), []
    except ScenarioError as exc:
        return None, list(exc.diagnostics)
    except Exception as exc:  # a bug in simgroup, not in the file
        return None, [Diagnostic(str(path), 0, 0, (), f"internal error while validating ({type(exc).__name__}: {exc})")]
