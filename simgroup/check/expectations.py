"""Evaluating one ``expect:`` entry on the replications of a run.

Pass rules (docs/check.md states them for users; ``c`` is the entry's ``confidence``, 0.95 by
default, and every interval is the two-sided Student-t interval of :mod:`simgroup.results.stats`
over the replications where the KPI is defined):

* ``between: [lo, hi]``, ``at_least: lo``, ``at_most: hi`` with ``by: mean`` (the default): the
  mean over the replications lies within the bounds (inclusive). A mean that passes while the
  ``c`` interval crosses a bound passes *with a warning* ("knife edge"): another seed or a small
  legitimate change could flip it, so the band or the replication count deserves a look. One
  defined replication passes or fails on its value, with a warning (no interval exists).
* The same bounds with ``by: ci``: the whole ``c`` interval lies within the bounds. Needs at
  least 2 defined replications; fewer fail.
* ``better_than: FILE``: this scenario and FILE run at the same seed, replication count and days
  (common random numbers), and the paired difference ``this - other`` of the KPI has a ``c``
  interval entirely above 0 (``better: higher``) or entirely below 0 (``better: lower``). The
  direction defaults to the KPI's (``better`` in :data:`simgroup.kpis.KPI`); a neutral
  KPI must say ``better:``. Fewer than 2 complete pairs fail.
* ``robust: r`` (with ``better_than``): both scenarios also run in ``worlds`` parameter worlds
  (:mod:`simgroup.experiment.robust`), and this scenario must be better in at least the share
  ``r`` of the worlds where the KPI is defined (a world's difference being the mean of its
  paired differences). A share that passes while the Wilson interval of the share (at ``c``)
  includes ``r`` passes with a knife-edge warning: another draw of worlds could flip it. No
  world with the KPI defined fails.
* A KPI undefined in every replication (e.g. ``retention_d7`` over a 5-day run) fails: an
  expectation that cannot be evaluated must not pass silently.
* An entry with several conditions passes when all of them pass.

With a fixed seed every verdict is deterministic; "flaky" here means fragile, which is what the
knife-edge warning reports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simgroup.check.outcome import Status, Verdict, kpi_label
from simgroup.kpis import KPI
from simgroup.results.stats import paired_difference, summarize, t_ppf
from simgroup.scenario.models import Expectation

if TYPE_CHECKING:
    from simgroup.experiment.robust import RobustKpi


@dataclass(frozen=True)
class Interval:
    """Mean, standard deviation, ``n`` and the ``confidence`` interval of a KPI over replications."""

    mean: float
    std: float
    lo: float
    hi: float
    n: int
    confidence: float


def interval(values: Sequence[float], confidence: float) -> Interval:
    """Student-t interval of the mean of the finite ``values`` (NaN bounds when ``n < 2``)."""
    s = summarize(values)
    if s.n < 2:
        return Interval(s.mean, s.std, math.nan, math.nan, s.n, confidence)
    half = t_ppf(0.5 + confidence / 2.0, s.n - 1) * s.std / math.sqrt(s.n)
    return Interval(s.mean, s.std, s.mean - half, s.mean + half, s.n, confidence)


def num(x: float) -> str:
    """A number for messages: 4 significant digits, ``n/a`` when undefined."""
    return "n/a" if not math.isfinite(x) else f"{x:.4g}"


def signed(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:+.4g}"


def _pct(confidence: float) -> str:
    return f"{confidence * 100:g}%"


def rule_text(e: Expectation) -> str:
    """The condition as written, e.g. ``between [0.3, 0.45]`` or ``better_than plain.yaml``."""
    parts = []
    if e.between is not None:
        parts.append(f"between [{e.between[0]:g}, {e.between[1]:g}]")
    if e.at_least is not None:
        parts.append(f"at_least {e.at_least:g}")
    if e.at_most is not None:
        parts.append(f"at_most {e.at_most:g}")
    if parts and e.by == "ci":
        parts[-1] += f" by ci ({_pct(e.confidence)})"
    if e.better_than is not None:
        parts.append(f"better_than {e.better_than}")
    if e.robust is not None:
        parts.append(f"robust {e.robust:g}")
    return ", ".join(parts)


def _bounds(e: Expectation) -> tuple[float, float]:
    """The tightest ``[lo, hi]`` implied by between / at_least / at_most (infinite when open)."""
    lo, hi = -math.inf, math.inf
    if e.between is not None:
        lo, hi = max(lo, e.between[0]), min(hi, e.between[1])
    if e.at_least is not None:
        lo = max(lo, e.at_least)
    if e.at_most is not None:
        hi = min(hi, e.at_most)
    return lo, hi


def _band_text(lo: float, hi: float) -> str:
    if math.isinf(lo):
        return f"at most {hi:g}"
    if math.isinf(hi):
        return f"at least {lo:g}"
    return f"within [{lo:g}, {hi:g}]"


@dataclass(frozen=True)
class _Part:
    status: Status
    message: str
    warning: str | None
    details: dict[str, object]


def _check_bounds(e: Expectation, values: Sequence[float]) -> _Part:
    lo, hi = _bounds(e)
    iv = interval(values, e.confidence)
    band = _band_text(lo, hi)
    ci = f"{_pct(iv.confidence)} CI [{num(iv.lo)}, {num(iv.hi)}]"
    details: dict[str, object] = {
        "by": e.by,
        "low": lo,
        "high": hi,
        "mean": iv.mean,
        "std": iv.std,
        "ci": [iv.lo, iv.hi],
        "confidence": iv.confidence,
        "n": iv.n,
    }
    if iv.n == 0:
        return _Part("fail", "undefined in every replication (n=0): the expectation cannot be checked", None, details)
    if lo > hi:  # e.g. at_least above at_most: no value can pass
        return _Part("fail", f"the bounds are contradictory (at least {lo:g} and at most {hi:g})", None, details)
    if e.by == "ci":
        if iv.n < 2:
            return _Part("fail", f"by ci needs at least 2 defined replications, got n={iv.n}", None, details)
        ok = lo <= iv.lo and iv.hi <= hi
        where = "is" if ok else "is not entirely"
        return _Part("pass" if ok else "fail", f"the {ci} {where} {band} (mean {num(iv.mean)}, n={iv.n})", None, details)
    # by: mean
    mean = iv.mean
    if mean < lo:
        return _Part("fail", f"mean {num(mean)} is below {lo:g} ({ci}, n={iv.n}); expected {band}", None, details)
    if mean > hi:
        return _Part("fail", f"mean {num(mean)} is above {hi:g} ({ci}, n={iv.n}); expected {band}", None, details)
    warning = None
    if iv.n < 2:
        warning = "only 1 defined replication: no interval, so this verdict says little about the SOP"
    else:
        crossed = [b for b in (lo, hi) if math.isfinite(b) and iv.lo <= b <= iv.hi]
        if crossed:
            # Distance to the nearest crossed bound in standard errors: how fragile the pass is.
            se = iv.std / math.sqrt(iv.n)
            margin = min(abs(mean - b) for b in crossed) / se if se > 0 else math.inf
            warning = (
                f"knife edge: the {ci} crosses {crossed[0]:g} (mean {margin:.1f} standard errors away); "
                "another seed or a small change could flip this check: widen the band or raise replications"
            )
    return _Part("pass", f"mean {num(mean)} is {band} ({ci}, n={iv.n})", warning, details)


def _check_better(
    e: Expectation, values: Sequence[float], other_values: Sequence[float], other_label: str
) -> _Part:
    direction = e.better or KPI[e.kpi].better
    d = paired_difference(values, other_values, confidence=e.confidence)
    ci = f"{_pct(d.confidence)} CI [{signed(d.ci[0])}, {signed(d.ci[1])}]"
    details: dict[str, object] = {
        "better_than": other_label,
        "better": direction,
        "difference": d.mean,
        "ci": [d.ci[0], d.ci[1]],
        "confidence": d.confidence,
        "pairs": d.n_a,
        "p_value": d.p_value,
    }
    if direction is None:
        return _Part(
            "fail", f"{e.kpi} is neither better higher nor lower; say `better: higher` or `better: lower`", None, details
        )
    if d.n_a < 2 or math.isnan(d.ci[0]):
        return _Part("fail", f"better_than needs at least 2 paired replications, got {d.n_a}", None, details)
    lo, hi = d.ci
    ok = lo > 0 if direction == "higher" else hi < 0
    head = f"paired difference vs {other_label} {signed(d.mean)} ({ci}, {d.n_a} pairs)"
    if ok:
        return _Part("pass", f"{head}: {direction} is better, and it is", None, details)
    worse = hi < 0 if direction == "higher" else lo > 0
    verdict = "significantly worse" if worse else "not significantly better (the interval includes 0)"
    return _Part("fail", f"{head}: {direction} is better, but this is {verdict}", None, details)


def _check_robust(e: Expectation, r: RobustKpi, other_label: str) -> _Part:
    assert e.robust is not None
    lo, hi = r.share_ci
    details: dict[str, object] = {
        "robust": e.robust,
        "worlds": r.defined,
        "wins": r.wins,
        "share": r.share,
        "share_ci": [lo, hi],
        "confidence": e.confidence,
        "difference": {"mean": r.mean, **r.quantiles},
        "flip_parameters": r.flip_parameters,
        "summary": r.sentence("this scenario"),
    }
    if r.defined == 0:
        return _Part("fail", f"{e.kpi} is undefined in every world: robustness cannot be checked", None, details)
    need = f"at least {e.robust * 100:g}% of worlds required"
    head = (f"better than {other_label} in {r.wins} of {r.defined} worlds ({r.share * 100:.0f}%, "
            f"{_pct(e.confidence)} CI [{lo * 100:.0f}%, {hi * 100:.0f}%]); {need}")
    if r.share >= e.robust:
        warning = None
        if lo < e.robust <= hi and r.share < 1.0:
            warning = (f"knife edge: the {_pct(e.confidence)} interval of the share of worlds includes "
                       f"{e.robust * 100:g}%; another draw of worlds could flip this check: raise worlds:")
        return _Part("pass", head, warning, details)
    return _Part("fail", f"{head}: {r.sentence('this scenario')}", None, details)


def evaluate(
    e: Expectation,
    index: int,
    values: Sequence[float],
    *,
    line: int,
    col: int,
    other_values: Sequence[float] | None = None,
    other_label: str | None = None,
    robust: RobustKpi | None = None,
) -> Verdict:
    """The verdict of expectation number ``index`` given the KPI's per-replication ``values``
    (and, for ``better_than``, the other scenario's values at the same seeds, in the same order;
    for ``robust``, the comparison across worlds with this scenario as B)."""
    parts: list[_Part] = []
    if e.between is not None or e.at_least is not None or e.at_most is not None:
        parts.append(_check_bounds(e, values))
    if e.better_than is not None:
        if other_values is None:
            raise ValueError("better_than needs the other scenario's values")
        parts.append(_check_better(e, values, other_values, other_label or e.better_than))
    if e.robust is not None:
        if robust is not None:
            parts.append(_check_robust(e, robust, other_label or e.better_than or ""))
        elif (e.better or KPI[e.kpi].better) is not None:  # without a direction better_than already fails
            raise ValueError("robust needs the comparison across worlds")
    failed = [p for p in parts if p.status == "fail"]
    shown = failed or parts
    status: Status = "fail" if failed else "pass"
    warnings = [p.warning for p in parts if p.warning]
    # Bounds and better_than both have a "ci": keep each condition's numbers under its own key.
    details: dict[str, object] = {"rule": rule_text(e)}
    for p in parts:
        key = "robust" if "robust" in p.details else "better_than" if "better_than" in p.details else "bounds"
        details[key] = p.details
    return Verdict(
        kind="expectation",
        kpi=e.kpi,
        group=e.group,
        status=status,
        message="; ".join(p.message for p in shown),
        line=line,
        col=col,
        name=f"expect[{index}] {kpi_label(e.kpi, e.group)} {rule_text(e)}",
        warning="; ".join(warnings) if warnings and status == "pass" else None,
        details=details,
    )
