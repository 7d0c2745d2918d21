"""The steppable session: slice by slice it is the same simulation as ``World.run``, events come
out in time order and once, the first ones come at once, and a fork injects an action
deterministically."""

from __future__ import annotations

import random
import time
from typing import Any

import pytest

from simgroup.engine.session import Session, resolve_chat
from simgroup.engine.world import World
from simgroup.playback.whatif import build_step
from simgroup.scenario import Scenario
from tests.playback.conftest import tenth_of_long_run


def _key(ev: dict[str, Any]) -> str:
    """An event as logged by the engine (a message keeps its tick time)."""
    core = {k: v for k, v in ev.items() if k not in ("time", "day", "tick_time")}
    return repr((ev.get("tick_time", ev["time"]), sorted(core.items())))


def _drain(session: Session, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    t = 0.0
    while t <= session.horizon:
        out += session.release(t)
        t += rng.uniform(0.5, 400.0)
    return out + session.release(session.horizon)


def test_slices_give_the_same_events_as_one_run(flash: Scenario) -> None:
    world = World(flash, 0, flash.seed, flash.days, record_events=True)
    world.run()
    reference = sorted(_key(e) for e in world.events if e["chat_id"] == "flash-1")
    for seed in (1, 2):
        got = _drain(Session(flash), seed)
        assert sorted(map(_key, got)) == reference


def test_events_come_in_time_order_once(flash: Scenario) -> None:
    events = _drain(Session(flash), 3)
    times = [e["time"] for e in events]
    assert times == sorted(times)
    assert len({id(e) for e in events}) == len(events)
    assert events[0]["event"] == "create_chat"
    grabs = [e for e in events if e["event"] == "red_packet_grab"]
    assert grabs and {e["of"] for e in grabs} == {len(grabs)}  # one red packet, every grabber logged


def test_messages_are_spread_inside_their_tick(flash: Scenario) -> None:
    messages = [e for e in _drain(Session(flash), 4) if e["event"] == "message"]
    assert messages
    for m in messages:
        assert m["tick_time"] - 60 < m["time"] <= m["tick_time"]
    assert len({m["time"] % 60 for m in messages}) > 10  # not all on the hour


def test_first_events_come_before_a_tenth_of_the_run(long_traffic: Scenario) -> None:
    """Playback streams: the first join is out long before a tenth of the run could be done."""
    start = time.perf_counter()
    session = Session(long_traffic)
    first: list[dict[str, Any]] = []
    while not any(e["event"] == "add_member" for e in first):
        first += session.release(session.now)
    first_join = time.perf_counter() - start
    tenth = tenth_of_long_run()
    assert first_join < 0.2 * tenth, (first_join, tenth)
    assert session.now < 2 * 1440  # it ran only as far as it needed


def test_a_fork_injects_a_coupon_that_sells(flash: Scenario) -> None:
    at = 1440.0 + 20 * 60
    plain = Session(flash)
    before = plain.release(at)
    fork = plain.fork(build_step(flash, "coupon", at), at)
    fork_before = fork.release(at)
    # the same course up to the fork's tick (within it, the action already counts: a tick is 60 min)
    settled = at - 60
    assert [_key(e) for e in fork_before if e["time"] <= settled] == [_key(e) for e in before if e["time"] <= settled]
    posted = [e for e in fork_before if e.get("injected")]
    assert [(e["event"], e["action"], e["time"]) for e in posted] == [("post", "coupon", at)]
    plain_orders = {(e["member"], e["time"]) for e in plain.release(at + 1440) if e["event"] == "order"}
    fork_events = fork.release(at + 1440)
    fork_orders = {(e["member"], e["time"]) for e in fork_events if e["event"] == "order"}
    assert fork_orders - plain_orders, "the coupon sold nothing the plan did not"
    again = Session(flash).fork(build_step(flash, "coupon", at), at)
    again.release(at)
    assert [_key(e) for e in again.release(at + 1440)] == [_key(e) for e in fork_events]


def test_injections_run_at_their_time(flash: Scenario) -> None:
    at = 2 * 1440 + 15 * 60 + 7.5
    fork = Session(flash).fork(build_step(flash, "dissolve", at), at)
    events = fork.release(at + 60)
    injected = [e for e in events if e.get("injected")]
    assert injected[0]["event"] == "post" and injected[0]["action"] == "dissolve" and injected[0]["time"] == at
    assert any(e["event"] == "dismiss" for e in injected)
    assert not fork.alive()
    assert all(e["time"] <= at for e in events if e["event"] == "add_member")


def test_resolve_chat(flash: Scenario) -> None:
    assert resolve_chat(flash, None) == "flash-1"
    assert resolve_chat(flash, "flash") == "flash-1"
    assert resolve_chat(flash, "flash-3") == "flash-3"
    for bad in ("nope", "flash-0", "flash-x"):
        with pytest.raises(ValueError, match="no group"):
            resolve_chat(flash, bad)


def test_a_chat_not_created_yet_is_empty_but_plays(flash: Scenario) -> None:
    session = Session(flash, chat="flash-9")
    assert session.group() is None and not session.alive()
    assert session.release(session.horizon) == []
