"""Timing of messages inside a tick (engine/chat_times.py): counts kept, times inside the tick,
replies minutes after an earlier message, bursts seconds apart."""

from __future__ import annotations

import numpy as np

from simgroup.engine.chat_times import MESSAGE_KINDS, MessageClock

NEW, REPLY, BURST = (MESSAGE_KINDS.index(k) for k in ("new", "reply", "burst"))


def _clock(seed: int = 1, reply_delay: float = 3.0, burst_gap: float = 20.0) -> MessageClock:
    return MessageClock(np.random.default_rng(seed), reply_delay, burst_gap)


def test_every_message_gets_one_time_inside_the_tick() -> None:
    rng = np.random.default_rng(0)
    n = 500
    groups = rng.integers(0, 7, n)
    starts = 60.0 + 60.0 * rng.random(n)
    turns = 1 + rng.poisson(0.5, n)
    messages = turns + rng.poisson(1.5, n)
    who, when, kind = _clock().place(120.0, 60.0, groups, starts, turns, messages, np.full(7, 0.5))
    assert np.array_equal(np.bincount(who, minlength=n), messages)  # counts are not touched
    assert np.all((when > 60.0) & (when <= 120.0))
    # one message of each turn opens it, the rest continue it
    assert np.sum(kind != BURST) == turns.sum()
    assert np.array_equal(np.bincount(who[kind != BURST], minlength=n), turns)


def test_without_replies_a_speaker_starts_where_the_clock_crossed() -> None:
    starts = np.array([61.5, 75.0, 110.25])
    who, when, kind = _clock().place(120.0, 60.0, [0, 0, 1], starts, [1, 1, 1], [1, 1, 1], np.zeros(2))
    assert sorted(zip(who.tolist(), when.tolist())) == [(0, 61.5), (1, 75.0), (2, 110.25)]
    assert set(kind.tolist()) == {NEW}


def test_a_burst_follows_its_first_message_seconds_apart() -> None:
    gaps = []
    clock = _clock(burst_gap=20.0)
    for tick in range(1, 400):
        t = 60.0 * tick
        _, when, _ = clock.place(t + 60.0, 60.0, [0], [t + 1.0], [1], [4], np.zeros(1))
        assert when[0] == t + 1.0
        gaps.extend(np.diff(when))
    # exponential gaps with a mean of 20 s (in minutes), never negative
    assert min(gaps) >= 0.0
    assert abs(np.mean(gaps) - 20.0 / 60.0) < 0.05


def test_a_reply_comes_minutes_after_an_earlier_message_of_its_group() -> None:
    delays = []
    for seed in range(300):
        t = 60.0
        # a group's first message ever (no parent: it stays), then a turn whose own clock
        # crossed late: a reply to the first
        who, when, kind = _clock(seed).place(t + 60.0, 60.0, [0, 0], [t + 5.0, t + 50.0], [1, 1], [1, 1], np.ones(1))
        first = when[who == 0][0]
        assert first == t + 5.0 and kind[who == 0][0] == NEW
        second, second_kind = when[who == 1][0], kind[who == 1][0]
        if second_kind == REPLY:
            assert second > first
            delays.append(second - first)
    assert len(delays) > 250  # unless the delay would pass the tick's end
    assert 2.5 < np.mean(delays) < 3.5
    # another group's messages are not parents: with a share of 0 nothing moves
    clock = _clock()
    who, when, kind = clock.place(60.0, 60.0, [0, 1], [5.0, 50.0], [1, 1], [1, 1], np.array([1.0, 0.0]))
    assert when[who == 1][0] == 50.0 and kind[who == 1][0] == NEW


def test_same_stream_same_times() -> None:
    args = (120.0, 60.0, [0, 1, 0], [70.0, 80.0, 90.0], [2, 1, 1], [5, 3, 1], np.array([0.6, 0.3]))
    a, b = _clock(5).place(*args), _clock(5).place(*args)
    for x, y in zip(a, b):
        assert np.array_equal(x, y)
