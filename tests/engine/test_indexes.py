"""The engine's speed structures agree with the plain computations they replace.

Per-group row lists (``GroupIndex``), runs of rows by group (``RowRuns``), the per-row hazard cache
(``Hazards.refresh``), the buffered ledger and the batched offer book are checked against full
scans of the population after runs that join, leave, mute, fold, migrate, dissolve and sell.
"""

from __future__ import annotations

import numpy as np
import pytest

from simgroup.engine import population
from simgroup.engine.world import World
from simgroup.scenario.loader import load_scenario
from tests.engine.conftest import build


def _world(sc, rep: int = 0) -> World:
    w = World(sc, rep, sc.seed, sc.days, False)
    w.run()
    return w


@pytest.fixture(scope="module", params=["funnel", "traffic", "flash_sale"])
def world(request) -> World:
    return _world(load_scenario(f"scenarios/{request.param}.yaml"))


def test_group_index_matches_a_full_scan(world: World) -> None:
    pop = world.pop
    n = pop.n
    for g in range(world.groups.n):
        expected = np.flatnonzero((pop.group[:n] == g) & (pop.state[:n] < population.LEFT))
        np.testing.assert_array_equal(world.group_members(g), expected)
        assert world.groups.count[g] == expected.size


def test_row_runs_cover_every_row_with_its_group(world: World) -> None:
    pop = world.pop
    for lo in (0, pop.n // 3):
        offsets, groups, lengths = world.runs.window(lo, pop.n)
        assert (lengths > 0).all() and offsets[0] == 0 and lengths.sum() == pop.n - lo
        np.testing.assert_array_equal(np.repeat(groups, lengths), pop.group[lo: pop.n])


def test_hazard_cache_is_not_stale(world: World) -> None:
    """Cached static rates equal a fresh computation for every row, left rows included."""
    pop = world.pop
    n = pop.n
    cached = {k: getattr(pop, k)[:n].copy() for k in ("k_leave", "k_sw", "k_talk", "k_hear")}
    here = np.flatnonzero(pop.state[:n] < population.LEFT)
    world.hazards.refresh(here)
    for k, before in cached.items():
        np.testing.assert_array_equal(getattr(pop, k)[:n][here], before[here], err_msg=k)
        gone = pop.state[:n] == population.LEFT
        assert (before[gone] == 0).all(), k  # a row that left has no hazard
    assert np.isinf(pop.rem_leave[:n][pop.state[:n] == population.LEFT]).all()


def test_ledger_sees_every_booking(world: World) -> None:
    """Buffered bookings are all applied when the daily counters are read."""
    pop = world.pop
    n = pop.n
    daily = world.ledger.daily
    assert daily["orders"].sum() == pop.orders[:n].sum()
    assert daily["new_member_cnt"].sum() == n
    assert daily["left_cnt"].sum() == (pop.state[:n] == population.LEFT).sum()
    assert daily["msg_total"].sum() == pop.messages[:n].sum()


def test_imitation_never_sells_beyond_stock() -> None:
    sc = build(
        days=3,
        audience={"regular": 0.5, "super_user": 0.5},
        products=[{"id": "p", "price": 10}],
        groups=[{"id": "g", "type": "flash_sale", "initial_members": 400, "initial_groups": 3, "sop": "s"}],
        sops={"s": [{"day": 0, "at": "20:00", "do": "flash_sale", "product": "p", "discount": 0.5, "stock": 120,
                     "lasts": "6h", "automated": True}]},
        model={"operators": {"auto_completion": 1.0}, "group_types": {"flash_sale": {"imitation": 5.0}}},
    )
    w = _world(sc)
    book = w.offers
    assert book.n == 3  # one windowed offer per group
    assert (book.sold[: book.n] <= 120).all()
    assert book.sold[: book.n].sum() == w.ledger.daily["orders"].sum()
    assert (book.sold[: book.n] == 120).any()  # the strong imitation does sell out


def test_imitation_adds_buyers_after_the_push_only() -> None:
    def run(imitation: float) -> World:
        return _world(build(
            days=2,
            audience={"regular": 0.7, "super_user": 0.3},
            products=[{"id": "p", "price": 30}],
            groups=[{"id": "g", "type": "content", "initial_members": 300, "initial_groups": 3, "sop": "s"}],
            sops={"s": [{"day": 0, "at": "20:00", "do": "coupon", "product": "p", "discount": 0.3, "lasts": "24h",
                         "automated": True}]},
            model={"operators": {"auto_completion": 1.0}, "group_types": {"content": {"imitation": imitation}}},
        ))

    plain, social = run(0.0), run(4.0)
    assert plain.offers.n == 0  # without imitation nothing waits on the offer book
    assert social.offers.n == 3  # one windowed offer per group
    pushed = int(plain.ledger.daily["orders"].sum())
    assert pushed > 0
    # the pushes draw the same clocks (the runs differ only after them): imitation only adds
    # buyers, and the book counts all of them
    total = int(social.ledger.daily["orders"].sum())
    assert total > pushed
    assert int(social.offers.sold[:3].sum()) == total
