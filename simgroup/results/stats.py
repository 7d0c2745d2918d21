"""Summary statistics over replications: means, Student-t confidence intervals, differences.

Contracts
---------
* :func:`summarize` ignores non-finite values (NaN marks a KPI that is undefined in a
  replication, see :class:`~simgroup.records.ReplicationResult`); ``n`` is the number of
  finite values used.

  - ``n == 0``: mean, std and both CI bounds are NaN.
  - ``n == 1``: mean is the value; std and both CI bounds are NaN. One replication says nothing
    about spread, and an interval ``(mean, mean)`` would claim certainty that ``simgroup check``
    could then wrongly trust. Readers treat NaN (JSON ``null``) as "unknown".
  - ``n >= 2``: std is the sample standard deviation (``ddof=1``) and ``ci95`` the two-sided
    Student-t interval ``mean ± t(0.975, n-1) · std / sqrt(n)``. Identical values give std 0
    and the degenerate interval ``(mean, mean)``.

* Sums use :func:`math.fsum` (correctly rounded), so a summary does not depend on the order of
  the values and is bit-identical on every machine.
* :func:`paired_difference` and :func:`welch_difference` describe ``mean(a) - mean(b)`` and agree
  with ``scipy.stats.ttest_rel`` / ``ttest_ind(equal_var=False)`` (interval and p-value). When the
  standard error is 0 the interval is ``(diff, diff)`` and the p-value is 1 if the difference is 0,
  else 0 (scipy returns NaN there; a difference with no noise at all is either none or certain).
* No scipy at runtime: the t distribution is computed here from the regularized incomplete beta
  function (continued fraction, modified Lentz), and its quantile by bisection.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

NAN = float("nan")
_EPS = 1e-15
_TINY = 1e-300


@dataclass(frozen=True)
class Summary:
    """Mean, sample std, two-sided 95 % Student-t interval and number of finite values."""

    mean: float
    std: float
    ci95: tuple[float, float]
    n: int


@dataclass(frozen=True)
class Difference:
    """``mean(a) - mean(b)`` with its standard error, interval and two-sided p-value.

    ``n_a``/``n_b`` are the finite values used (for a paired difference both are the number of
    complete pairs); ``df`` the degrees of freedom of the t distribution used (Welch–Satterthwaite
    for :func:`welch_difference`, so not necessarily an integer).
    """

    mean: float
    se: float
    ci: tuple[float, float]
    confidence: float
    df: float
    n_a: int
    n_b: int
    p_value: float

    @property
    def significant(self) -> bool:
        """True when the interval excludes 0 (False when it is undefined)."""
        lo, hi = self.ci
        return (lo > 0.0 or hi < 0.0) and not (math.isnan(lo) or math.isnan(hi))


# --------------------------------------------------------------------------- t distribution


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            return h
    raise ArithmeticError(f"incomplete beta did not converge (a={a}, b={b}, x={x})")  # pragma: no cover


def betainc(a: float, b: float, x: float, y: float | None = None) -> float:
    """Regularized incomplete beta ``I_x(a, b)``; pass ``y = 1 - x`` when it is known more
    precisely than ``1 - x`` (it avoids cancellation near x = 1)."""
    if y is None:
        y = 1.0 - x
    if x <= 0.0:
        return 0.0
    if y <= 0.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(y)
    front = math.exp(log_front)
    # The continued fraction converges fast only on one side of the mean a / (a + b).
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, y) / b


def t_sf(t: float, df: float) -> float:
    """Survival function ``P(T > t)`` of Student's t with ``df`` degrees of freedom."""
    if not df > 0:
        raise ValueError(f"degrees of freedom must be > 0, got {df}")
    if math.isnan(t):
        return NAN
    if math.isinf(t):
        return 0.0 if t > 0 else 1.0
    t2 = t * t
    # P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2); pass both x and 1-x to keep precision.
    two_tail = betainc(df / 2.0, 0.5, df / (df + t2), t2 / (df + t2))
    return 0.5 * two_tail if t >= 0 else 1.0 - 0.5 * two_tail


def t_cdf(t: float, df: float) -> float:
    """Cumulative distribution function ``P(T <= t)``."""
    return 1.0 - t_sf(t, df) if t >= 0 else t_sf(-t, df)


@lru_cache(maxsize=1024)
def t_ppf(p: float, df: float) -> float:
    """Quantile of Student's t: the ``t`` with ``P(T <= t) = p`` (bisection on :func:`t_sf`)."""
    if not 0.0 < p < 1.0:
        if p == 0.0:
            return -math.inf
        if p == 1.0:
            return math.inf
        raise ValueError(f"probability must be in [0, 1], got {p}")
    if not df > 0:
        raise ValueError(f"degrees of freedom must be > 0, got {df}")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_ppf(1.0 - p, df)
    q = 1.0 - p  # upper tail to hit
    lo, hi = 0.0, 1.0
    while t_sf(hi, df) > q:
        lo, hi = hi, hi * 2.0
        if hi > 1e300:  # pragma: no cover - only for absurd p with df -> 0
            return math.inf
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:  # interval is down to adjacent floats
            break
        if t_sf(mid, df) > q:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


# --------------------------------------------------------------------------- summaries


def _finite(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in values:
        f = float(v)
        if math.isfinite(f):
            out.append(f)
    return out


def _mean_var(xs: list[float]) -> tuple[float, float]:
    """Mean and sample variance (two-pass with fsum: exact-ish and order-independent)."""
    n = len(xs)
    mean = math.fsum(xs) / n
    if n < 2:
        return mean, NAN
    var = math.fsum((x - mean) ** 2 for x in xs) / (n - 1)
    return mean, var


def summarize(values: Iterable[float], bounds: tuple[float, float] = (-math.inf, math.inf)) -> Summary:
    """Summarize one KPI over replications (see the module docstring for the NaN / n rules).

    ``bounds`` are the values the KPI can take at all (a share: ``(0, 1)``); the interval is cut
    to them. That keeps its coverage: whenever the t interval holds the true mean, which lies
    within the bounds, the cut interval holds it too. (Without it two replications of a share
    gave intervals such as [-432.8 %, 506.7 %].)"""
    xs = _finite(values)
    n = len(xs)
    if n == 0:
        return Summary(NAN, NAN, (NAN, NAN), 0)
    mean, var = _mean_var(xs)
    if n == 1:
        return Summary(mean, NAN, (NAN, NAN), 1)
    std = math.sqrt(var)
    half = t_ppf(0.975, n - 1) * std / math.sqrt(n)
    low, high = bounds
    return Summary(mean, std, (max(mean - half, low), min(mean + half, high)), n)


def _difference(diff: float, se: float, df: float, n_a: int, n_b: int, confidence: float) -> Difference:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    if math.isnan(se) or math.isnan(df):
        return Difference(diff, se, (NAN, NAN), confidence, df, n_a, n_b, NAN)
    if se == 0.0:
        return Difference(diff, 0.0, (diff, diff), confidence, df, n_a, n_b, 1.0 if diff == 0.0 else 0.0)
    half = t_ppf(0.5 + confidence / 2.0, df) * se
    p = min(1.0, 2.0 * t_sf(abs(diff / se), df))
    return Difference(diff, se, (diff - half, diff + half), confidence, df, n_a, n_b, p)


def paired_difference(a: Iterable[float], b: Iterable[float], *, confidence: float = 0.95) -> Difference:
    """Paired difference ``a_i - b_i`` (replication i of both runs at the same seed: common
    random numbers). Pairs where either value is not finite are dropped; fewer than 2 pairs give
    NaN se / interval / p-value. ``a`` and ``b`` must have the same length."""
    xa, xb = [float(v) for v in a], [float(v) for v in b]
    if len(xa) != len(xb):
        raise ValueError(f"paired values need equal lengths, got {len(xa)} and {len(xb)}")
    d = [x - y for x, y in zip(xa, xb) if math.isfinite(x) and math.isfinite(y)]
    n = len(d)
    if n == 0:
        return _difference(NAN, NAN, NAN, 0, 0, confidence)
    mean, var = _mean_var(d)
    if n == 1:
        return _difference(mean, NAN, NAN, 1, 1, confidence)
    return _difference(mean, math.sqrt(var / n), float(n - 1), n, n, confidence)


def welch_difference(a: Iterable[float], b: Iterable[float], *, confidence: float = 0.95) -> Difference:
    """Unpaired difference of means with Welch's unequal-variance t interval (independent runs).
    Non-finite values are dropped; each side needs at least 2 values for an interval."""
    xa, xb = _finite(a), _finite(b)
    na, nb = len(xa), len(xb)
    if na == 0 or nb == 0:
        return _difference(NAN, NAN, NAN, na, nb, confidence)
    ma, va = _mean_var(xa)
    mb, vb = _mean_var(xb)
    diff = ma - mb
    if na < 2 or nb < 2:
        return _difference(diff, NAN, NAN, na, nb, confidence)
    sa, sb = va / na, vb / nb
    se2 = sa + sb
    if se2 == 0.0:
        return _difference(diff, 0.0, float(na + nb - 2), na, nb, confidence)
    df = se2 * se2 / (sa * sa / (na - 1) + sb * sb / (nb - 1))
    return _difference(diff, math.sqrt(se2), df, na, nb, confidence)


# --------------------------------------------------------------------------- many columns at once


def summarize_columns(
    rows: Sequence[Sequence[float]], bounds: tuple[float, float] = (-math.inf, math.inf)
) -> ColumnSummary:
    """Summarize every column of a replications × days table at once (daily series).

    Same rules as :func:`summarize` per column (non-finite values ignored, NaN interval for
    ``n < 2``, the interval cut to ``bounds``), vectorised with numpy: a scenario with hundreds of days × series × scopes would
    otherwise cost a Python loop per cell. Column sums run row after row in the given order, so
    the result is deterministic for a given row order (callers sort rows by replication).
    """
    import numpy as np

    x = np.asarray(rows, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError(f"expected a 2-D table of values, got shape {x.shape}")
    finite = np.isfinite(x)
    n = finite.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(finite, x, 0.0).sum(axis=0) / n
        dev = np.where(finite, x - mean, 0.0)
        var = (dev * dev).sum(axis=0) / (n - 1)
        tq = np.array([t_ppf(0.975, k - 1) if k >= 2 else NAN for k in n.tolist()], dtype=np.float64)
        half = tq * np.sqrt(var) / np.sqrt(n)
    mean = np.where(n > 0, mean, NAN)
    half = np.where(n >= 2, half, NAN)
    low, high = bounds
    # fmax/fmin keep NaN (undefined) where the interval is undefined
    lo = np.where(np.isnan(half), NAN, np.fmax(mean - half, low))
    hi = np.where(np.isnan(half), NAN, np.fmin(mean + half, high))
    return ColumnSummary(
        mean=tuple(mean.tolist()),
        ci95_lo=tuple(lo.tolist()),
        ci95_hi=tuple(hi.tolist()),
        n=tuple(int(k) for k in n.tolist()),
    )


@dataclass(frozen=True)
class ColumnSummary:
    """Per-column mean and 95 % interval bounds (NaN where undefined) and finite counts."""

    mean: tuple[float, ...]
    ci95_lo: tuple[float, ...]
    ci95_hi: tuple[float, ...]
    n: tuple[int, ...]
