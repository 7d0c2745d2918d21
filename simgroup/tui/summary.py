"""Plain-data views of scenarios and results for the TUI's widgets. No Textual here.

* :func:`find_scenarios` lists the scenario files of a folder (``*.yaml`` / ``*.yml``, hidden
  folders skipped, sorted); a file path is a workspace of one file.
* :func:`describe_step` says what an SOP step does in one line (``day 2 20:00 → flash_sale
  trial -50 % stock 100``), :func:`describe_rule` an expectation's condition, both in the TUI's
  language (words from :mod:`simgroup.tui.i18n`).
* :func:`chart_bands` gives the daily series the Run and Compare charts draw, each a
  :class:`Band` (mean and 95 % interval per day); cumulative GMV and profit are summed per
  replication first, so their interval is that of the cumulative sum, not a sum of intervals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simgroup.tui.i18n import get_language, t, term

if TYPE_CHECKING:
    from simgroup.results.report import RunResult
    from simgroup.scenario.models import Expectation, SopStep


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
        return t("{n}d", n=int(value // 1440))
    if value % 60 == 0:
        return t("{n}h", n=int(value // 60))
    return t("{n}m", n=f"{value:g}")


def _every(value: str) -> str:
    """``every day`` / ``every 2 days`` / ``every mon,wed`` (``每天`` / ``每 2 天`` / ``每周一、周三``)."""
    v = value.strip().lower()
    if v in ("day", "daily", "1d"):
        return t("every day")
    if v.endswith("d") and v[:-1].isdigit():
        return t("every {n} days", n=int(v[:-1]))
    days = [p.strip() for p in v.split(",") if p.strip()]
    sep = "、" if get_language() == "zh" else ","
    return t("every {weekdays}", weekdays=sep.join(term("weekday", d) for d in days))


def describe_trigger(step: SopStep) -> str:
    parts: list[str] = []
    if step.on is not None:
        parts.append(t("on {event}", event=term("event", step.on)))
    if step.every is not None:
        parts.append(_every(step.every))
    day = step.day
    if day is not None:
        days = ",".join(str(d) for d in day) if isinstance(day, list) else str(day)
        parts.append(t("day {days}", days=days))
    if step.at is not None:
        parts.append(step.at)
    if step.after is not None:
        parts.append(t("after {duration}", duration=_minutes(step.after)))
    return " ".join(parts) or "-"


COUNT_LABELS = {"stock": "stock {n}", "winners": "winners {n}", "offspring": "offspring {n}", "total": "total {n}"}


def describe_step(step: SopStep) -> str:
    """``trigger → action details`` for one SOP step model, in the TUI's language (the action,
    post kind and check-in mode as words of :func:`~simgroup.tui.i18n.term`; ids as written). A
    step with a ``label:`` shows its trigger and the label."""
    if step.label:
        return f"{describe_trigger(step)} → {step.label}"
    details: list[str] = [term("action", step.do)]
    for name in ("kind", "product", "to", "name", "mode"):
        value = getattr(step, name, None)
        if value is None or (name == "kind" and step.do != "post"):
            continue
        vocabulary = {"kind": "post_kind", "mode": "checkin_mode"}.get(name)
        details.append(term(vocabulary, str(value)) if vocabulary else str(value))
    discount = getattr(step, "discount", None)
    if discount:
        details.append(f"-{discount * 100:g}%")
    for name, template in COUNT_LABELS.items():
        value = getattr(step, name, None)
        if value is not None:
            details.append(t(template, n=f"{value:g}" if isinstance(value, float) else value))
    lasts = getattr(step, "lasts", None)
    if lasts is not None and step.do in ("flash_sale", "coupon", "livestream", "fission", "checkin"):
        details.append(_minutes(lasts))
    return f"{describe_trigger(step)} → {' '.join(details)}"


def describe_rule(e: Expectation) -> str:
    """An ``expect:`` entry's condition in the TUI's language: ``between [0.05, 0.15]``,
    ``at_least 3000``, ``better_than plain.yaml`` (in English as written in the YAML) (``介于 [0.05, 0.15]``, ``至少 3000``…)."""
    parts: list[str] = []
    if e.between is not None:
        parts.append(t("between [{lo}, {hi}]", lo=f"{e.between[0]:g}", hi=f"{e.between[1]:g}"))
    if e.at_least is not None:
        parts.append(t("at_least {lo}", lo=f"{e.at_least:g}"))
    if e.at_most is not None:
        parts.append(t("at_most {hi}", hi=f"{e.at_most:g}"))
    if parts and e.by == "ci":
        parts[-1] = t("{rule} by ci ({level})", rule=parts[-1], level=f"{e.confidence * 100:.4g}%")
    if e.better_than is not None:
        parts.append(t("better_than {file}", file=e.better_than))
    return (", " if get_language() != "zh" else ",").join(parts)


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
