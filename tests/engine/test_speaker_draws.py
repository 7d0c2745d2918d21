"""The speakers' further turns and burst sizes (engine/behaviour.py, ``BackgroundTick._turns``).

Each turn brings Poisson burst messages, and each speaker's further turns in a tick are Poisson
with the hazard left after the first turn; all are drawn by inverting one uniform each in
a compiled loop (chatter_kernels.turn_draws), with numpy's sampler for the rare mean too large to
invert. These tests hold the inversion to the Poisson law exactly (a grid of uniforms lands on
each value as often as its probability says) and the tick's draws to their contract.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from simgroup.engine.behaviour import BackgroundTick
from simgroup.engine.chatter_kernels import INVERSION_MAX_MEAN, poisson_by_inversion
from simgroup.engine.world import World
from simgroup.scenario.loader import load_scenario


@pytest.fixture(scope="module")
def tick() -> BackgroundTick:
    scenario = load_scenario("scenarios/content.yaml")
    return BackgroundTick(World(scenario, 0, scenario.seed, scenario.days, record_events=False))


@pytest.mark.parametrize("mean", [0.02, 0.7, 3.0, 38.0, 120.0, INVERSION_MAX_MEAN])
def test_inversion_gives_the_poisson_law(mean: float) -> None:
    # N evenly spaced uniforms: the share landing on k is P(X = k) to within 1/N
    n = 100_000
    u = (np.arange(n) + 0.5) / n
    draws = np.array([poisson_by_inversion(x, mean) for x in u])
    assert draws.min() >= 0
    top = int(draws.max())
    share = np.bincount(draws, minlength=top + 1) / n
    assert np.max(np.abs(share - stats.poisson.pmf(np.arange(top + 1), mean))) <= 1.0 / n + 1e-12
    assert stats.poisson.sf(top, mean) < 2.0 / n  # nothing of weight left beyond the largest draw


def test_inversion_edges() -> None:
    assert poisson_by_inversion(0.99, 0.0) == 0
    assert poisson_by_inversion(0.99, -3.0) == 0  # a clock that fired exactly at the tick's end
    assert poisson_by_inversion(0.0, 5.0) == 0
    assert poisson_by_inversion(0.5, INVERSION_MAX_MEAN * 1.01) == -1  # left to the caller
    # a uniform next to 1: the rounded CDF may never exceed it; the search still ends in the tail
    top = poisson_by_inversion(np.nextafter(1.0, 0.0), 300.0)
    assert 300 < top < 600


def _speakers(seed: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    inputs = np.random.default_rng(seed)
    # what is left of each speaker's clock: most fired just now (a little negative), some with
    # hazard to spare (several more turns), a few exactly at zero
    rem = -inputs.exponential(0.4, count).astype(np.float32)
    rem[::5] = 0.0
    return rem, inputs.integers(0, 3, count).astype(np.int8)


def test_turns_follow_their_contract(tick: BackgroundTick) -> None:
    rem, seg = _speakers(3, 20_000)
    burst, more, several, extra = tick._turns(np.random.default_rng(7), rem, seg)
    assert burst.dtype == more.dtype == several.dtype == extra.dtype == np.int64
    assert burst.shape == more.shape == rem.shape
    assert np.array_equal(several, np.flatnonzero(more))
    assert extra.size == several.size and extra.min() >= 0 and burst.min() >= 0
    assert np.all(more[rem == 0.0] == 0)  # no hazard left, no further turn
    # means (bands of 5 standard errors): E[burst] = burst_mean[seg], E[more] = E[-rem],
    # E[extra | more] = burst_mean[seg] × more
    first = tick.burst_mean[seg]
    assert abs(burst.sum() - first.sum()) < 5 * np.sqrt(first.sum())
    left = -rem.astype(np.float64)
    assert abs(more.mean() - left.mean()) < 5 * np.sqrt(left.mean() / rem.size)
    expected = tick.burst_mean[seg[several]] * more[several]
    assert abs(extra.sum() - expected.sum()) < 5 * np.sqrt(expected.sum())


def test_the_same_stream_gives_the_same_draws(tick: BackgroundTick) -> None:
    rem, seg = _speakers(4, 300)
    a = tick._turns(np.random.default_rng(11), rem, seg)
    b = tick._turns(np.random.default_rng(11), rem, seg)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert a[0].sum() > 0 and a[1].sum() > 0 and a[3].sum() > 0  # something was compared


def test_a_mean_too_large_to_invert_is_drawn_by_numpy(tick: BackgroundTick) -> None:
    rem, seg = _speakers(5, 50)
    rem[[3, 17]] = -2_000.0  # an absurd talker: thousands of turns left in the tick
    _burst, more, several, extra = tick._turns(np.random.default_rng(2), rem, seg)
    for i in (3, 17):
        assert abs(more[i] - 2_000) < 6 * np.sqrt(2_000)
        j = int(np.flatnonzero(several == i)[0])
        mean = tick.burst_mean[seg[i]] * more[i]
        assert abs(extra[j] - mean) < 6 * np.sqrt(mean)
    assert more.min() >= 0 and extra.min() >= 0
