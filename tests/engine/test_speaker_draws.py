"""The speakers' further turns and burst sizes (engine/behaviour.py, ``BackgroundTick._turns``).

A tick with a handful of speakers draws them one Poisson variate at a time, a busier tick with
one array call (the uniforms of the first turns' bursts are drawn in between, and inverted
later by the booking kernel); both must give the same numbers from the same stream, or a replication would
depend on how many members happened to speak in a tick.
"""

from __future__ import annotations

import numpy as np
import pytest

from simgroup.engine import behaviour
from simgroup.engine.behaviour import BackgroundTick
from simgroup.engine.chatter_kernels import invert_cdfs
from simgroup.engine.world import World
from simgroup.scenario.loader import load_scenario


@pytest.fixture(scope="module")
def tick() -> BackgroundTick:
    scenario = load_scenario("scenarios/content.yaml")
    return BackgroundTick(World(scenario, 0, scenario.seed, scenario.days, record_events=False))


@pytest.mark.parametrize("speakers", [1, 7, 24, 25, 300])
def test_few_and_many_speakers_draw_the_same_turns_and_bursts(tick: BackgroundTick, speakers: int,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = np.random.default_rng(speakers)
    # what is left of each speaker's clock: most fired just now (a little negative), some
    # with hazard to spare (several more turns), a few exactly at zero
    rem = -inputs.exponential(0.4, speakers).astype(np.float32)
    rem[:: 5] = 0.0
    seg = inputs.integers(0, 3, speakers).astype(np.int8)
    drawn = []
    for few in (10_000, 0):  # every tick counts as few speakers, then none does
        monkeypatch.setattr(behaviour, "_FEW_SPEAKERS", few)
        drawn.append(tick._turns(np.random.default_rng(7), rem, seg))
    (more_a, u_a, several_a, extra_a), (more_b, u_b, several_b, extra_b) = drawn
    assert more_a.dtype == more_b.dtype == np.int64
    for a, b in ((more_a, more_b), (u_a, u_b), (several_a, several_b), (extra_a, extra_b)):
        assert np.array_equal(a, b)
    # the first turn's bursts, from the uniforms through the segment's Poisson CDF
    burst_a = np.empty(speakers, dtype=np.int64)
    invert_cdfs(tick.burst.flat, tick.burst.size, u_a, seg, burst_a)
    assert np.array_equal(several_a, np.flatnonzero(more_a))
    assert extra_a.size == several_a.size
    if speakers >= 25:  # the draws are not all zero: the comparison has something to compare
        assert more_a.sum() > 0 and burst_a.sum() > 0
