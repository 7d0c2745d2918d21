"""Precision targets: add replications until a KPI's confidence interval is narrow enough.

A target is written ``KPI=VALUE`` or ``GROUP.KPI=VALUE`` (``profit=5%``, ``conversion=0.01``,
``content.conversion=2%``):

* ``VALUE`` alone is an **absolute** half-width in the KPI's own unit (CNY for money, a fraction
  for shares: ``conversion=0.01`` means ±1 percentage point).
* ``VALUE%`` is **relative**: that percentage of ``|mean|`` (``profit=5%`` means the interval is
  within ±5 % of the mean profit). A relative target on a mean of 0 can only be met by an
  interval of width 0.

Stopping rule (variable replications, "half-width stopping"; docs/experiments.md)
------------------------------------------------------------------------------------------
The experiment first runs its initial replications (the scenario's ``replications`` or
``--reps``; this is the pilot). After each batch every target is checked: it is *met* when its
half-width ``h`` is finite and ``h <= threshold``. If all are met, or the cap
(``max_replications``, default :data:`DEFAULT_MAX_REPLICATIONS`) is reached, the run stops.
Otherwise the next batch size is estimated from ``h ∝ 1/sqrt(n)``: ``n* = ceil(n · (h/τ)²)``
for the worst target, and the batch is ``n* - n`` clamped to at least ``max(2, ceil(n/10))``
(no crawling one replication at a time) and at most ``4n`` (a noisy pilot must not commit us to
thousands of replications at once; the estimate is refreshed after every batch), and to the cap.
An undefined half-width (fewer than 2 finite values) doubles ``n``.

The batch sizes depend only on the results so far, never on the executor or the worker count,
so a precision run is as reproducible as a fixed one: replication ``i`` is the same everywhere.

What is measured: for ``run``, the 95 % CI of the KPI's mean; for ``compare``, the paired
difference of every variant against the baseline (at the Bonferroni-adjusted confidence the
comparison reports), and a relative target is a share of ``|baseline mean|`` — the difference
itself may be 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from simgroup.errors import SimgroupError
from simgroup.kpis import KPI_NAMES
from simgroup.results.stats import Difference, summarize

#: Replications a precision run may reach unless ``max_replications`` says otherwise.
DEFAULT_MAX_REPLICATIONS = 1000


class PrecisionError(SimgroupError, ValueError):
    """A precision target that cannot be parsed or does not fit the scenario."""


def unknown_kpi(kpi: str) -> str | None:
    """``None`` for a KPI name, else ``unknown KPI 'x' (did you mean 'y'?); KPIs are ...`` (the
    suggestion only when one is close): the message ``--precision`` and ``sweep --kpi`` give."""
    if kpi in KPI_NAMES:
        return None
    from simgroup.scenario.diagnostics import did_you_mean

    hint = did_you_mean(kpi, KPI_NAMES)
    extra = f" (did you mean {hint!r}?)" if hint else ""
    return f"unknown KPI {kpi!r}{extra}; KPIs are {', '.join(KPI_NAMES)}"


@dataclass(frozen=True)
class PrecisionTarget:
    """Stop when the half-width of ``kpi`` (of ``group``, or the whole scenario) is at most
    ``value`` (absolute) or ``value · |mean|`` (``relative``; ``value`` is a fraction, 0.05 = 5 %)."""

    kpi: str
    value: float
    relative: bool = False
    group: str | None = None

    @classmethod
    def parse(cls, text: str) -> PrecisionTarget:
        """``KPI=VALUE``, ``KPI=VALUE%``, ``GROUP.KPI=...``; raises :class:`PrecisionError`."""
        name, sep, raw = text.partition("=")
        name, raw = name.strip(), raw.strip()
        if not sep or not name or not raw:
            raise PrecisionError(f"precision target {text!r}: expected KPI=VALUE or KPI=VALUE% (e.g. profit=5%)")
        group, _, kpi = name.rpartition(".")
        problem = unknown_kpi(kpi)
        if problem is not None:
            raise PrecisionError(f"precision target {text!r}: {problem}")
        relative = raw.endswith("%")
        number = raw[:-1].strip() if relative else raw
        try:
            value = float(number)
        except ValueError:
            raise PrecisionError(f"precision target {text!r}: {raw!r} is not a number or a percentage") from None
        if not (math.isfinite(value) and value > 0):
            raise PrecisionError(f"precision target {text!r}: the half-width must be a positive number")
        return cls(kpi=kpi, value=value / 100.0 if relative else value, relative=relative, group=group or None)

    @property
    def label(self) -> str:
        name = f"{self.group}.{self.kpi}" if self.group else self.kpi
        value = f"{self.value * 100:g}%" if self.relative else f"{self.value:g}"
        return f"{name}={value}"

    def threshold(self, reference_mean: float) -> float:
        """The largest acceptable half-width given the reference mean (NaN if it is undefined)."""
        return self.value * abs(reference_mean) if self.relative else self.value

    def check_group(self, group_ids: Iterable[str]) -> None:
        ids = list(group_ids)
        if self.group is not None and self.group not in ids:
            raise PrecisionError(
                f"precision target {self.label!r}: no group spec {self.group!r} (group specs: {', '.join(ids)})"
            )


@dataclass(frozen=True)
class PrecisionStatus:
    """Where one target stands: the half-width reached, the threshold, and whether it is met."""

    target: PrecisionTarget
    half_width: float
    threshold: float
    mean: float
    n: int

    @property
    def met(self) -> bool:
        return math.isfinite(self.half_width) and math.isfinite(self.threshold) and self.half_width <= self.threshold

    def to_json(self) -> dict[str, Any]:
        from simgroup.results.json_format import clean

        return clean({
            "target": self.target.label,
            "kpi": self.target.kpi,
            "group": self.target.group,
            "relative": self.target.relative,
            "value": self.target.value,
            "threshold": self.threshold,
            "half_width": self.half_width,
            "mean": self.mean,
            "n": self.n,
            "met": self.met,
        })


def status_of_values(target: PrecisionTarget, values: Sequence[float]) -> PrecisionStatus:
    """Status of ``target`` for one scenario's per-replication ``values`` (95 % CI of the mean)."""
    s = summarize(values)
    half = (s.ci95[1] - s.ci95[0]) / 2.0
    return PrecisionStatus(target, half, target.threshold(s.mean), s.mean, s.n)


def status_of_difference(target: PrecisionTarget, diff: Difference, baseline_mean: float) -> PrecisionStatus:
    """Status of ``target`` for a paired difference; a relative target is a share of
    ``|baseline_mean|`` (a difference's own mean may be 0)."""
    half = (diff.ci[1] - diff.ci[0]) / 2.0
    return PrecisionStatus(target, half, target.threshold(baseline_mean), diff.mean, diff.n_a)


def more_replications(statuses: Sequence[PrecisionStatus], n: int) -> int:
    """How many replications to add to the ``n`` done so far (0 when every target is met);
    the cap is applied by the caller."""
    unmet = [s for s in statuses if not s.met]
    if not unmet:
        return 0
    wanted = n
    for s in unmet:
        if not (math.isfinite(s.half_width) and math.isfinite(s.threshold)) or s.threshold <= 0.0:
            wanted = max(wanted, 2 * n)
        else:
            wanted = max(wanted, math.ceil(n * (s.half_width / s.threshold) ** 2))
    lo, hi = max(2, math.ceil(n / 10)), 4 * max(n, 1)
    return min(max(wanted - n, lo), hi)
