"""Feed lines and counters from a chat's events: words by scene, segment and context in zh and
en, god-view flagged, deterministic; counters that agree with the simulated world."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from simgroup.engine import population
from simgroup.engine.session import Session
from simgroup.playback.counters import Counters
from simgroup.playback.feed import Composer, FeedLine, clock_label
from simgroup.playback.templates import TEXT, member_name, pick
from simgroup.scenario import Scenario


@pytest.fixture(scope="module")
def flash_events(flash: Scenario) -> list[dict[str, Any]]:
    session = Session(flash)
    return session.release(session.horizon)


def _lines(scenario: Scenario, events: list[dict[str, Any]], lang: str) -> list[FeedLine]:
    composer = Composer(scenario, lang, seed=scenario.seed)
    return [line for ev in events for line in composer.lines(ev)]


def _announce_sent(flash: Scenario) -> list[FeedLine]:
    """The operator lines of the first replication whose flash-1 operator sent the day-4
    announcement (a manual task: the operator skips about one in ten)."""
    for replication in range(5):
        session = Session(flash, replication)
        events = session.release(session.horizon)
        if any(e["event"] == "sop_task" and e.get("action") == "announce" and e.get("status") == "sent"
               for e in events):
            return [line for line in _lines(flash, events, "en") if line.kind == "operator"]
    raise AssertionError("no replication sent the announcement")


def test_every_kind_of_line_is_told(flash: Scenario, flash_events: list[dict[str, Any]]) -> None:
    lines = _lines(flash, flash_events, "en")
    kinds = {line.kind for line in lines}
    assert {"system", "join", "leave", "operator", "chat", "order", "mute", "fold", "grab"} <= kinds
    assert lines[0].text == "Group chat flash-1 was created"
    joins = [line for line in lines if line.kind == "join"]
    assert all("live code" in line.text for line in joins)  # the spec's live code rotates over 5 groups
    assert all(line.god for line in lines if line.kind in ("mute", "fold"))
    assert not any(line.god for line in lines if line.kind in ("join", "chat", "order"))
    operator = [line for line in lines if line.kind == "operator"]
    assert any(line.text == "Last chance tonight" for line in _announce_sent(flash))  # the SOP step's own text
    assert any("Flash sale: skincare_set ¥159 → ¥111.30" in line.text for line in operator)
    assert any(line.text.startswith("🧧 Red packet! ¥50 in 50 shares") for line in operator)
    grabs = [line for line in lines if line.kind == "grab"]
    assert len(grabs) == 6 and "45 more" in grabs[-1].text  # five named, the rest in one line


def test_chatter_follows_the_context(flash: Scenario, flash_events: list[dict[str, Any]]) -> None:
    """Members' messages shortly after a red packet talk about the red packet: the run's red
    packet, followed by the run's own messages moved to the minutes after it."""
    packet = next(e for e in flash_events if e["event"] == "post" and e["action"] == "red_packet")
    said = [e for e in flash_events if e["event"] == "message"][:20]
    assert said
    events = [e for e in flash_events if e["time"] < packet["time"]] + [packet] + [
        {**e, "time": packet["time"] + 1 + i} for i, e in enumerate(said)]
    lines = _lines(flash, events, "en")
    after = [line.text for line in lines if line.kind == "chat" and line.time > packet["time"]]
    words = {w for segment in ("regular", "coupon_hunter", "super_user") for w in TEXT["en"][f"chat.red_packet.{segment}"]}
    assert after and set(after) <= words


def test_chinese_feed(flash: Scenario, flash_events: list[dict[str, Any]]) -> None:
    lines = _lines(flash, flash_events, "zh")
    assert lines[0].text == "群聊「flash-1」已创建"
    assert any("通过扫描群活码加入了群聊" in line.text for line in lines)
    assert any("开启了消息免打扰" in line.text for line in lines if line.god)
    assert clock_label(1440 + 20 * 60 + 5, "zh", flash.start) == "第1天 周二 20:05"
    assert clock_label(1440 + 20 * 60 + 5, "en", flash.start) == "day 1 Tue 20:05"


def test_the_same_events_give_the_same_words(flash: Scenario, flash_events: list[dict[str, Any]]) -> None:
    assert _lines(flash, flash_events, "en") == _lines(flash, flash_events, "en")
    assert member_name("zh", 7) == member_name("zh", 7) and member_name("en", 7) != member_name("en", 8)
    assert pick("en", "chat.generic.regular", 1, 2) == pick("en", "chat.generic.regular", 1, 2)
    assert pick("fr", "leave.self", name="x") == "x left the group"  # unknown language: English


def test_bursts_do_not_repeat_themselves(flash: Scenario) -> None:
    composer = Composer(flash, "en")
    ev = {"time": 100.0, "day": 0, "event": "message", "chat_id": "flash-1", "member": 1, "segment": "super_user", "count": 9}
    texts = [line.text for line in composer.lines(ev)]
    assert 1 <= len(texts) <= 3 and len(set(texts)) == len(texts)


def test_dissolve_leaves_fold_into_one_notice(flash: Scenario) -> None:
    composer = Composer(flash, "en")
    leave = {"time": 5.0, "event": "del_member", "chat_id": "flash-1", "member": 3, "quit_scene": "dissolved"}
    assert composer.lines(leave) == []
    assert composer.lines({"time": 5.0, "event": "dismiss", "chat_id": "flash-1"})[0].kind == "system"


def test_counters_agree_with_the_world(flash: Scenario) -> None:
    session = Session(flash)
    counters = Counters(flash)
    for ev in session.release(session.horizon):
        counters.apply(ev)
    snap = counters.snapshot(session.horizon)
    w, g = session.world, session.group()
    assert g is not None
    rows = np.flatnonzero(w.pop.group[: w.pop.n] == g)
    here = rows[w.pop.state[rows] < population.LEFT]
    assert snap.members == int(w.groups.count[g]) == here.size
    assert snap.muted == int(np.count_nonzero(w.pop.state[here] >= population.MUTED))
    assert snap.folded == int(np.count_nonzero(w.pop.state[here] == population.FOLDED))
    assert snap.orders == int(w.pop.orders[rows].sum()) and snap.buyers == int(np.count_nonzero(w.pop.orders[rows]))
    prices = {p.id: p.price for p in flash.products}
    orders = [e for e in session.world.events if e["event"] == "order"]
    assert snap.gmv == pytest.approx(sum(prices[e["product"]] for e in orders))
    assert snap.profit < snap.gmv


def test_counters_by_day_and_series(flash: Scenario) -> None:
    c = Counters(flash)
    c.apply({"time": 0.0, "event": "create_chat", "chat_id": "x"})
    c.apply({"time": 30.0, "event": "add_member", "member": 1})
    c.apply({"time": 90.0, "event": "add_member", "member": 2})
    c.apply({"time": 100.0, "event": "mute", "member": 2, "view": "god"})
    c.apply({"time": 110.0, "event": "fold", "member": 2, "view": "god"})
    c.apply({"time": 120.0, "event": "message", "member": 1, "count": 3})
    c.apply({"time": 1500.0, "event": "del_member", "member": 2})
    c.apply({"time": 1501.0, "event": "del_member", "member": 2})  # twice: ignored
    c.apply({"time": 1502.0, "event": "mute", "member": 9})  # not a member: ignored
    day0, day1 = c.snapshot(1439.0), c.snapshot(1600.0)
    assert (day1.members, day1.muted, day1.folded, day1.left_today, day1.speakers) == (1, 0, 0, 1, 0)
    assert (day0.messages_today, day0.speakers, day0.joined_today) == (3, 1, 2)  # "today" is the snapshot's day
    assert c.series()[:2] == [1, 2] and len(c.series(hours=96)) == 97  # at 01:00, 02:00, ...
    copy = c.copy()
    copy.apply({"time": 1700.0, "event": "add_member", "member": 5})
    assert c.snapshot(1700.0).members == 1 and copy.snapshot(1700.0).members == 2
