"""How :mod:`simgroup.experiment.sensitivity` turns the KPI of every world into ranked indices:
SALib's Morris and Sobol' analyses, the replication-noise level an inert parameter would reach,
and a one-line meaning of each row in the KPI's own unit (:func:`amount`, :func:`level`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from simgroup.experiment.worlds import FloatArray, UncertainParameter
from simgroup.kpis import KPI
from simgroup.results.text_words import say

if TYPE_CHECKING:
    from simgroup.experiment.sensitivity import SensitivityPlan

#: Grid levels of the Morris design (SALib's default; the step is 2/3 of the range).
MORRIS_LEVELS = 4
#: Confidence level of the bootstrap intervals.
_CONFIDENCE = 0.95
#: Bootstrap resamples of the intervals (SALib's default for Sobol', 1000 for Morris).
_RESAMPLES = {"morris": 1000, "sobol": 100}
#: Seed-sequence tag of the bootstrap (the design has its own stream of the same seed).
_BOOTSTRAP_STREAM = 0x626F6F74  # "boot"


@dataclass(frozen=True)
class SensitivityRow:
    """One parameter's indices: ``values`` (``mu_star``, ``mu``, ``sigma`` or ``ST``, ``S1``) and
    ``intervals`` (95 % bootstrap) by index name, the main index first; ``detectable`` when the
    main index's interval lies above the noise level; ``meaning`` a one-line reading."""

    parameter: UncertainParameter
    values: dict[str, float]
    intervals: dict[str, tuple[float, float]]
    detectable: bool
    meaning: str

    @property
    def main(self) -> float:
        return next(iter(self.values.values()))



def problem(params: Sequence[UncertainParameter]) -> dict[str, Any]:
    return {"num_vars": len(params), "names": [p.name for p in params], "bounds": [list(p.bounds) for p in params]}


def rng_stream(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, stream])


# --------------------------------------------------------------------------- analysis


def nanmean(values: Sequence[float]) -> float:
    finite = [v for v in values if math.isfinite(v)]
    return math.fsum(finite) / len(finite) if finite else math.nan


def noise_se_of(per_world: Sequence[Sequence[float]]) -> float:
    """Root mean square over worlds of the standard error of a world's mean (NaN with fewer than
    two defined replications everywhere)."""
    variances = []
    for values in per_world:
        finite = np.array([v for v in values if math.isfinite(v)], dtype=np.float64)
        if finite.size >= 2:
            variances.append(float(finite.var(ddof=1)) / finite.size)
    return math.sqrt(math.fsum(variances) / len(variances)) if variances else math.nan


def _floats(x: Any) -> list[float]:
    """SALib's (masked) arrays as plain floats, masked or missing values as NaN."""
    filled = np.ma.filled(np.ma.asarray(x, dtype=np.float64), np.nan)
    return [float(v) for v in np.asarray(filled, dtype=np.float64).ravel()]


def _detectable(interval: tuple[float, float], level: float) -> bool:
    lower = interval[0]
    if not math.isfinite(lower):
        return False
    return lower > (level if math.isfinite(level) else 0.0)


def morris_rows(plan: SensitivityPlan, y: FloatArray, noise_se: float) -> tuple[list[SensitivityRow], float]:
    from SALib.analyze import morris as morris_analyze

    si = morris_analyze.analyze(
        problem(plan.parameters), plan.design, y, num_resamples=_RESAMPLES["morris"],
        conf_level=_CONFIDENCE, num_levels=MORRIS_LEVELS, seed=rng_stream(plan.options.seed, _BOOTSTRAP_STREAM),
    )
    mu_star, mu, sigma, conf = (_floats(si[k]) for k in ("mu_star", "mu", "sigma", "mu_star_conf"))
    # The mean |effect| of a parameter without effect when two worlds' means differ by noise
    # alone: E|N(0, 2 se^2)| / step, the step being 2/3 of the range (in unit scale).
    step = MORRIS_LEVELS / (2.0 * (MORRIS_LEVELS - 1))
    level = 2.0 / math.sqrt(math.pi) * noise_se / step
    rows = []
    for j, p in enumerate(plan.parameters):
        # mu* is a mean of absolute effects: SALib's symmetric bootstrap interval is cut at 0
        ci = (max(mu_star[j] - conf[j], 0.0), mu_star[j] + conf[j])
        detectable = _detectable(ci, level)
        rows.append(SensitivityRow(
            p, {"mu_star": mu_star[j], "mu": mu[j], "sigma": sigma[j]}, {"mu_star": ci}, detectable,
            _morris_meaning(plan.kpi, mu_star[j], mu[j], sigma[j], level, detectable),
        ))
    return rows, level


def sobol_rows(plan: SensitivityPlan, y: FloatArray, noise_se: float) -> tuple[list[SensitivityRow], float]:
    from SALib.analyze import sobol as sobol_analyze

    si = sobol_analyze.analyze(
        problem(plan.parameters), y, calc_second_order=False, num_resamples=_RESAMPLES["sobol"],
        conf_level=_CONFIDENCE, seed=rng_stream(plan.options.seed, _BOOTSTRAP_STREAM),
    )
    s1, s1_conf, st, st_conf = (_floats(si[k]) for k in ("S1", "S1_conf", "ST", "ST_conf"))
    # A parameter without effect still shows ST = (noise variance) / (variance across worlds):
    # its A and AB worlds differ by replication noise alone (an upper bound under CRN).
    variance = float(np.var(y)) if np.all(np.isfinite(y)) else math.nan
    level = noise_se**2 / variance if variance > 0 else math.nan
    if variance == 0 and noise_se == 0:
        level = 0.0  # a constant KPI: nothing to explain, and no noise either
    rows = []
    for j, p in enumerate(plan.parameters):
        st_ci = (st[j] - st_conf[j], st[j] + st_conf[j])
        s1_ci = (s1[j] - s1_conf[j], s1[j] + s1_conf[j])
        detectable = _detectable(st_ci, level)
        rows.append(SensitivityRow(
            p, {"ST": st[j], "S1": s1[j]}, {"ST": st_ci, "S1": s1_ci}, detectable,
            _sobol_meaning(plan.kpi, s1[j], st[j], level, detectable),
        ))
    return rows, level


def ranked(rows: list[SensitivityRow]) -> list[SensitivityRow]:
    """Largest main index first, NaN last, ties in preset order (sorted() is stable)."""
    return sorted(rows, key=lambda r: -r.main if math.isfinite(r.main) else math.inf)


def amount(kpi: str, v: float) -> str:
    """A change of ``kpi`` in its unit: ``1.23 pp`` for a share, ``45.60 CNY``, ``3.2 hours``."""
    if not math.isfinite(v):
        return "n/a"
    unit = KPI[kpi].unit if kpi in KPI else "count"
    if unit == "share":
        return f"{v * 100:.2f} pp"
    text = _number(v)
    suffix = _unit_word(unit)
    return text + suffix


def level(kpi: str, v: float) -> str:
    """A value of ``kpi`` in its unit: ``31.25%`` for a share, ``45.60 CNY``, ``3.20 hours``."""
    if not math.isfinite(v):
        return "n/a"
    unit = KPI[kpi].unit if kpi in KPI else "count"
    if unit == "share":
        return f"{v * 100:.2f}%"
    return _number(v) + _unit_word(unit)


def unit_word(unit: str) -> str:
    """The word of a KPI unit after a number: ``CNY``, ``hours``, ``days`` (``元``, ``小时``, ``天``
    in Chinese), ``pp`` for a change of a share; empty for a count or a ratio."""
    return {"share": "pp", "money": say("CNY"), "hours": say("hours"), "days": say("days")}.get(unit, "")


def _unit_word(unit: str) -> str:
    word = unit_word(unit) if unit != "share" else ""  # a share's level prints as a percentage
    return " " + word if word else ""


def _number(v: float) -> str:
    a = abs(v)
    if a >= 100:
        return f"{v:,.0f}"
    if a >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"


def _undetected(kpi: str, index: float, level: str) -> str:
    if index == 0:
        return f"no effect on {kpi} in any world"  # common random numbers: the worlds agree exactly
    return f"not distinguishable from replication noise (noise alone gives about {level})"


def _morris_meaning(kpi: str, mu_star: float, mu: float, sigma: float, level: float, detectable: bool) -> str:
    if not math.isfinite(mu_star):
        return "undefined (the KPI is undefined in some worlds)"
    if not detectable:
        return _undetected(kpi, mu_star, amount(kpi, level))
    direction = "raises" if mu > 0 else "lowers" if mu < 0 else "moves"
    if abs(mu) < 0.5 * mu_star:
        direction = "moves"  # effects of both signs: no one direction
    text = f"moving it across its range {direction} {kpi} by {amount(kpi, mu_star)} on average"
    if math.isfinite(sigma) and sigma > mu_star:
        text += " (uneven: non-linear or interacting)"
    return text


def _sobol_meaning(kpi: str, s1: float, st: float, level: float, detectable: bool) -> str:
    if not math.isfinite(st):
        return "undefined (the KPI is undefined in some worlds)"
    if not detectable:
        return _undetected(kpi, st, f"{level:.2f}")
    alone = max(0.0, s1) * 100
    total = max(0.0, st) * 100
    return f"explains {alone:.0f}% of the spread of {kpi} across worlds alone, {total:.0f}% with its interactions"
