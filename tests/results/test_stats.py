from __future__ import annotations

import math
import random

import numpy as np
import pytest
from scipy import stats as sps

from simgroup.results.stats import (
    Summary,
    betainc,
    paired_difference,
    summarize,
    summarize_columns,
    t_cdf,
    t_ppf,
    t_sf,
    welch_difference,
)

NAN = float("nan")


def _close(a: float, b: float, tol: float = 1e-6) -> bool:
    return abs(a - b) <= tol * max(1.0, abs(b))


# --------------------------------------------------------------------------- t distribution


def test_t_ppf_matches_scipy_for_df_1_to_200() -> None:
    for df in range(1, 201):
        assert _close(t_ppf(0.975, df), float(sps.t.ppf(0.975, df))), df


@pytest.mark.parametrize("p", [1e-6, 0.001, 0.025, 0.1, 0.4, 0.5, 0.6, 0.9, 0.995, 0.9999])
@pytest.mark.parametrize("df", [1, 2, 3, 7.5, 29, 1.3, 250, 5000])
def test_t_ppf_matches_scipy_across_probabilities_and_fractional_df(p: float, df: float) -> None:
    assert _close(t_ppf(p, df), float(sps.t.ppf(p, df)))


@pytest.mark.parametrize("df", [1, 4, 30.5, 1000])
@pytest.mark.parametrize("t", [-40.0, -2.0, -0.3, 0.0, 0.01, 1.0, 2.5, 12.0])
def test_t_cdf_and_sf_match_scipy(t: float, df: float) -> None:
    assert t_cdf(t, df) == pytest.approx(float(sps.t.cdf(t, df)), rel=1e-10, abs=1e-14)
    assert t_sf(t, df) == pytest.approx(float(sps.t.sf(t, df)), rel=1e-10, abs=1e-14)


def test_betainc_matches_scipy() -> None:
    from scipy.special import betainc as sp_betainc

    for a, b, x in [(0.5, 0.5, 0.3), (2.0, 3.0, 0.9), (100.0, 0.5, 0.999), (0.5, 50.0, 0.01), (5.0, 5.0, 0.5)]:
        assert betainc(a, b, x) == pytest.approx(float(sp_betainc(a, b, x)), rel=1e-11)


def test_t_ppf_edges_and_errors() -> None:
    assert t_ppf(0.0, 5) == -math.inf
    assert t_ppf(1.0, 5) == math.inf
    assert t_ppf(0.5, 3) == 0.0
    with pytest.raises(ValueError):
        t_ppf(1.5, 3)
    with pytest.raises(ValueError):
        t_ppf(0.9, 0)


# --------------------------------------------------------------------------- summarize


def test_summarize_matches_numpy_and_scipy_interval() -> None:
    rng = random.Random(3)
    xs = [rng.gauss(10, 3) for _ in range(17)]
    s = summarize(xs)
    assert s.n == 17
    assert s.mean == pytest.approx(float(np.mean(xs)), rel=1e-14)
    assert s.std == pytest.approx(float(np.std(xs, ddof=1)), rel=1e-12)
    lo, hi = sps.t.interval(0.95, 16, loc=np.mean(xs), scale=sps.sem(xs))
    assert s.ci95[0] == pytest.approx(lo, rel=1e-9)
    assert s.ci95[1] == pytest.approx(hi, rel=1e-9)


def test_summarize_ignores_non_finite_values() -> None:
    s = summarize([1.0, NAN, 3.0, math.inf, 5.0])
    ref = summarize([1.0, 3.0, 5.0])
    assert s == ref
    assert s.n == 3 and s.mean == 3.0 and s.std == 2.0


def test_summarize_empty_and_all_nan_are_undefined() -> None:
    for values in ([], [NAN, NAN]):
        s = summarize(values)
        assert s.n == 0
        assert math.isnan(s.mean) and math.isnan(s.std)
        assert all(math.isnan(v) for v in s.ci95)


def test_summarize_single_value_has_mean_but_no_spread() -> None:
    s = summarize([NAN, 4.5])
    assert s.n == 1 and s.mean == 4.5
    assert math.isnan(s.std) and all(math.isnan(v) for v in s.ci95)


def test_summarize_constant_values_give_a_degenerate_interval() -> None:
    assert summarize([2.0, 2.0, 2.0]) == Summary(2.0, 0.0, (2.0, 2.0), 3)


def test_summarize_does_not_depend_on_value_order() -> None:
    rng = random.Random(11)
    xs = [rng.uniform(-1e6, 1e6) for _ in range(200)] + [1e-9, 0.1, 0.2, 0.3]
    shuffled = xs[:]
    rng.shuffle(shuffled)
    assert summarize(xs) == summarize(shuffled)


def test_summarize_columns_agrees_with_summarize_per_column() -> None:
    rows = [[1.0, NAN, 5.0, NAN], [2.0, 7.0, 5.0, NAN], [4.0, NAN, 5.0, NAN], [8.5, NAN, 5.0, 3.0]]
    cols = summarize_columns(rows)
    assert cols.n == (4, 1, 4, 1)
    for j in range(4):
        s = summarize([r[j] for r in rows])
        assert cols.mean[j] == pytest.approx(s.mean, rel=1e-14)
        if s.n >= 2:
            assert cols.ci95_lo[j] == pytest.approx(s.ci95[0], rel=1e-12)
            assert cols.ci95_hi[j] == pytest.approx(s.ci95[1], rel=1e-12)
        else:
            assert math.isnan(cols.ci95_lo[j]) and math.isnan(cols.ci95_hi[j])
    assert summarize_columns([[NAN], [NAN]]).n == (0,)
    assert math.isnan(summarize_columns([[NAN], [NAN]]).mean[0])


# --------------------------------------------------------------------------- differences


def test_paired_difference_matches_scipy_ttest_rel() -> None:
    rng = np.random.default_rng(5)
    a = rng.normal(10, 2, 25)
    b = a - 0.4 + rng.normal(0, 0.5, 25)
    d = paired_difference(a.tolist(), b.tolist())
    res = sps.ttest_rel(a, b)
    ci = res.confidence_interval(0.95)
    assert d.mean == pytest.approx(float(np.mean(a - b)), rel=1e-12)
    assert d.ci[0] == pytest.approx(ci.low, rel=1e-9)
    assert d.ci[1] == pytest.approx(ci.high, rel=1e-9)
    assert d.p_value == pytest.approx(res.pvalue, rel=1e-8)
    assert d.n_a == d.n_b == 25 and d.df == 24
    assert d.significant == (ci.low > 0 or ci.high < 0)


def test_paired_difference_with_bonferroni_level_and_dropped_pairs() -> None:
    a = [1.0, 2.0, NAN, 4.0, 6.0, 3.5]
    b = [0.5, 2.5, 1.0, 3.0, NAN, 2.0]
    keep = [0, 1, 3, 5]
    d = paired_difference(a, b, confidence=1 - 0.05 / 3)
    ci = sps.ttest_rel([a[i] for i in keep], [b[i] for i in keep]).confidence_interval(1 - 0.05 / 3)
    assert d.n_a == 4
    assert d.ci == (pytest.approx(ci.low, rel=1e-9), pytest.approx(ci.high, rel=1e-9))
    with pytest.raises(ValueError):
        paired_difference([1.0, 2.0], [1.0])


def test_welch_difference_matches_scipy_ttest_ind() -> None:
    rng = np.random.default_rng(9)
    a = rng.normal(5, 1, 12)
    b = rng.normal(4, 3, 30)
    d = welch_difference(a.tolist(), b.tolist())
    res = sps.ttest_ind(a, b, equal_var=False)
    ci = res.confidence_interval(0.95)
    assert d.mean == pytest.approx(float(a.mean() - b.mean()), rel=1e-12)
    assert d.ci[0] == pytest.approx(ci.low, rel=1e-9)
    assert d.ci[1] == pytest.approx(ci.high, rel=1e-9)
    assert d.p_value == pytest.approx(res.pvalue, rel=1e-8)
    assert d.df == pytest.approx(res.df, rel=1e-12)
    assert (d.n_a, d.n_b) == (12, 30)


def test_differences_without_noise_or_without_data() -> None:
    same = paired_difference([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    assert same.ci == (0.0, 0.0) and same.p_value == 1.0 and not same.significant
    shifted = paired_difference([2.0, 3.0, 4.0], [1.0, 2.0, 3.0])
    assert shifted.ci == (1.0, 1.0) and shifted.p_value == 0.0 and shifted.significant
    one = welch_difference([1.0], [2.0, 3.0])
    assert one.mean == -1.5 and math.isnan(one.ci[0]) and not one.significant
    empty = welch_difference([], [NAN])
    assert math.isnan(empty.mean) and (empty.n_a, empty.n_b) == (0, 0)
