"""A finished replication frees its world at once, without waiting for the garbage collector:
a worker that runs replication after replication keeps a flat memory footprint (issue:
"RSS flat over 200 replications in one worker")."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from simgroup.engine import simulate_replication, world
from simgroup.scenario.loader import load_scenario_text

SMALL = """\
simgroup: 1
name: small
days: 3
channels: [{id: c, per_day: 200}]
products: [{id: p, price: 20, unit_cost: 5}]
groups: [{id: g, type: content, channels: [c], sop: s}]
sops:
  s:
    - {on: member_join, do: welcome}
    - {every: day, at: "20:00", do: post, kind: product, product: p, discount: 0.2}
    - {day: 1, do: fission, offspring: 1.0, lasts: 1d}
"""


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.usefixtures("collector_off")
@pytest.mark.parametrize("record_events", [False, True])
def test_a_finished_world_is_freed_without_the_garbage_collector(
    monkeypatch: pytest.MonkeyPatch, record_events: bool
) -> None:
    made: list[weakref.ref[world.World]] = []
    real = world.World

    class Watched(real):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            made.append(weakref.ref(self))

    monkeypatch.setattr(world, "World", Watched)
    result = simulate_replication(load_scenario_text(SMALL), 0, record_events=record_events)
    assert result.kpis["joined"] > 0
    assert len(made) == 1
    assert made[0]() is None, "the world outlived its replication (a reference cycle through it)"
    if record_events:
        assert result.events, "the event log must survive the world"
