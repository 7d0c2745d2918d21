"""The float32 ``exp`` of the tick's trust factors against the exact exponential.

``exp32`` replaces numpy's float32 ``exp`` in the exit hazards' trust factors; these tests hold
it to the accuracy of a good C library's ``expf`` over the whole float32 range, through the
compiled loop the tick runs (so the vectorised code is what is checked)."""

from __future__ import annotations

import numpy as np

from simgroup.engine.fast_exp import exp32
from simgroup.engine.tick_pass import trust_factors

F32 = np.float32
#: float32's spacing just above 1 is 2**-23: the bound is one such unit of relative error
ONE_UNIT = 2.0**-23


def _exp_by_kernel(x: np.ndarray) -> np.ndarray:
    """``exp32`` of every element through the trust-factor loop (``exp(-b·trust)`` with b = -1)."""
    out, other = np.empty_like(x), np.empty_like(x)
    trust_factors(F32(-1.0), F32(-1.0), x, out, other)
    assert np.array_equal(out, other)
    return out


def test_relative_error_is_below_one_unit_over_the_float32_range() -> None:
    x = np.linspace(-87.0, 88.3, 2_000_001, dtype=np.float64).astype(F32)
    exact = np.exp(x.astype(np.float64))
    got = _exp_by_kernel(x).astype(np.float64)
    assert np.max(np.abs(got / exact - 1.0)) < ONE_UNIT


def test_is_as_accurate_as_numpy_where_trust_lives() -> None:
    # trust is ≥ 0 and rarely above a few units; coefficients 0.75–4 (docs/model.md)
    rng = np.random.default_rng(7)
    arg = (-rng.uniform(0.0, 4.0, 200_000) * rng.uniform(0.0, 5.0, 200_000)).astype(F32)
    exact = np.exp(arg.astype(np.float64))
    ours = np.max(np.abs(_exp_by_kernel(arg) / exact - 1.0))
    numpy_own = np.max(np.abs(np.exp(arg).astype(np.float64) / exact - 1.0))
    assert ours <= max(numpy_own, ONE_UNIT)


def test_exact_points_and_clamped_ends() -> None:
    assert exp32(F32(0.0)) == F32(1.0)
    assert exp32(F32(np.log(2.0) * 10)) == np.float32(2.0**10)  # 2**n built from the exponent bits
    smallest_normal = float(np.finfo(F32).tiny)
    for far_below in (-88.0, -100.0, -1e30, float("-inf")):
        value = float(exp32(F32(far_below)))
        assert smallest_normal <= value < 1.5 * smallest_normal
    for far_above in (88.5, 1e30, float("inf")):
        assert 2e38 < float(exp32(F32(far_above))) < float(np.finfo(F32).max)


def test_trust_factors_are_the_two_exponentials() -> None:
    trust = np.array([0.0, 0.05, 0.2, 1.0, 3.5, 40.0], dtype=F32)
    f_leave, f_mute = np.empty_like(trust), np.empty_like(trust)
    trust_factors(F32(2.0), F32(1.5), trust, f_leave, f_mute)
    np.testing.assert_allclose(f_leave, np.exp(-2.0 * trust.astype(np.float64)), rtol=2 * ONE_UNIT)
    np.testing.assert_allclose(f_mute, np.exp(-1.5 * trust.astype(np.float64)), rtol=2 * ONE_UNIT)
    assert f_leave[0] == f_mute[0] == F32(1.0)  # no trust, no protection
