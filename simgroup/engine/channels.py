"""Acquisition channels: Poisson arrivals with a time-of-day profile, through live codes.

Each channel is one SimPy process that, at the end of every tick, draws the arrivals of the
interval that just ended (Poisson with mean ``per_day × add_rate × share of the day's profile in
that interval``), spreads them uniformly inside it and routes them to the channel's group specs.
Unit costs (e.g. package cards printed) accrue whether or not anyone joins.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import numpy as np

from simgroup.scenario.models import Channel
from simgroup.scenario.times import MINUTES_PER_DAY

if TYPE_CHECKING:
    from simgroup.engine.world import World


def hourly_weights(channel: Channel, profile: np.ndarray) -> np.ndarray:
    """Share of a day's arrivals in each hour: the profile restricted to the channel's hours."""
    start, end = channel.hours
    minutes = np.arange(MINUTES_PER_DAY)
    # a window with end <= start wraps past midnight
    open_ = (minutes >= start) & (minutes < end) if start < end else (minutes >= start) | (minutes < end)
    per_minute = profile[minutes // 60] * open_
    hourly = per_minute.reshape(24, 60).sum(axis=1)
    total = hourly.sum()
    weights: np.ndarray = hourly / total if total > 0 else hourly
    return weights


def start_channels(w: World) -> None:
    feeds: dict[str, list[int]] = {}
    for i, spec in enumerate(w.specs):
        for c in spec.channels:
            feeds.setdefault(c, []).append(i)
    for ci, channel in enumerate(w.scenario.channels):
        specs = feeds.get(channel.id, [])
        if specs:
            w.env.process(_channel(w, ci, channel, specs))


def _channel(w: World, ci: int, channel: Channel, specs: list[int]) -> Generator[Any, Any, None]:
    rng = w.streams.get("channel", channel.id, "arrivals")
    tick = float(w.params.tick_minutes)
    weights = hourly_weights(channel, w.tod_arrivals)
    last_day = min(channel.end_day if channel.end_day is not None else w.days - 1, w.days - 1)
    shares: dict[float, float] = {}  # the profile's share by the tick's start hour
    # this loop runs every tick of every replication: what it looks up each time is local
    env, horizon, start_day = w.env, w.horizon + 1e-9, channel.start_day
    timeout, poisson = env.timeout, rng.poisson
    per_day, add_rate, cost_per_unit = channel.per_day, channel.add_rate, channel.cost_per_unit
    while env.now + tick <= horizon:
        yield timeout(tick)
        t1 = float(env.now)
        t0 = t1 - tick
        day = int(t0 // MINUTES_PER_DAY)
        if day < start_day or day > last_day:
            continue
        # share of the day's profile falling inside (t0, t1]
        h0 = (t0 % MINUTES_PER_DAY) / 60.0
        share = shares.get(h0)
        if share is None:  # ticks repeat the same hours every day: each window is summed once
            share = shares[h0] = _window_share(weights, h0, tick / 60.0)
        units = per_day * share
        if cost_per_unit and units:
            for s in specs:
                w.ledger.add("cost_acquisition", s, t0, cost_per_unit * units / len(specs))
        n = int(poisson(units * add_rate))
        if n == 0:
            continue
        times = np.sort(t0 + tick * rng.random(n))
        # split arrivals over the specs this channel feeds, in turn
        target = rng.integers(0, len(specs), size=n) if len(specs) > 1 else np.zeros(n, dtype=np.int64)
        for k, s in enumerate(specs):
            mine = times[target == k]
            if mine.size == 0:
                continue
            placed = w.route_qr(s, mine, ci, channel.audience)
            if channel.cost_per_join and placed:
                w.ledger.add("cost_acquisition", s, t0, channel.cost_per_join * placed)


def _window_share(weights: np.ndarray, start_h: float, length_h: float) -> float:
    """Sum of hourly weights over ``[start_h, start_h + length_h)`` hours (fractional hours)."""
    total = 0.0
    h = start_h
    end = start_h + length_h
    while h < end - 1e-12:
        hour = int(h) % 24
        nxt = min(float(int(h) + 1), end)
        total += weights[hour] * (nxt - h)
        h = nxt
    return float(total)
