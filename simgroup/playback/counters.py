"""The counters beside the feed, computed from the chat's events only (so they always agree with
the feed's clock, and a what-if course and the planned one are counted the same way).

Contract: feed :meth:`Counters.apply` the chat's events in time order (events out of order by
less than a tick are tolerated: a leave of someone not present, or a mute of someone who left, is
ignored); :meth:`Counters.snapshot` gives the counters at a time ``t`` at or after the last event
applied. ``members`` are those in the group; ``muted`` counts muted members including folded ones
and ``folded`` the folded ones (both god-view, docs/model.md); ``speakers`` are members who spoke or
checked in on ``t``'s day; ``gmv`` is at list price and ``profit`` is the gross profit of the
group's orders (paid − unit cost; docs/results.md ``gmv`` / ``gross_profit``). :meth:`Counters.series`
samples ``members`` at every simulated hour, for the sparkline.
"""

from __future__ import annotations

import copy
from collections import Counter as _Tally
from dataclasses import dataclass
from typing import Any

from simgroup.scenario.models import Scenario
from simgroup.scenario.times import MINUTES_PER_DAY

PRESENT, MUTED, FOLDED = 0, 1, 2
HOUR = 60.0


@dataclass(frozen=True)
class Snapshot:
    """The counters of one chat at ``time``."""

    time: float
    members: int
    muted: int
    folded: int
    speakers: int
    joined_today: int
    left_today: int
    messages_today: int
    buyers: int
    orders: int
    gmv: float
    profit: float
    alive: bool


class Counters:
    """Running counters of one chat (see the module contract)."""

    def __init__(self, scenario: Scenario) -> None:
        self.products = {p.id: (p.price, p.unit_cost) for p in scenario.products}
        self.state: dict[int, int] = {}
        self.muted = 0
        self.folded = 0
        self.buyers: set[int] = set()
        self.orders = 0
        self.gmv = 0.0
        self.profit = 0.0
        self.alive = True
        self.created = False
        self._speakers: dict[int, set[int]] = {}
        self._joined: _Tally[int] = _Tally()
        self._left: _Tally[int] = _Tally()
        self._messages: _Tally[int] = _Tally()
        self._hourly: list[int] = []
        self.time = 0.0

    # ------------------------------------------------------------------ events

    def advance(self, t: float) -> None:
        """Move the clock to ``t``: sample ``members`` at every hour passed."""
        while (len(self._hourly) + 1) * HOUR <= t:
            self._hourly.append(len(self.state))
        self.time = max(self.time, t)

    def apply(self, ev: dict[str, Any]) -> None:
        t = float(ev["time"])
        self.advance(t)
        kind = ev["event"]
        # A chat-level event names no member: -1 is never a member id, and keeps the tallies int-keyed.
        member: int = ev.get("member", -1)
        day = int(t // MINUTES_PER_DAY)
        if kind == "add_member":
            if member not in self.state:
                self.state[member] = PRESENT
                self._joined[day] += 1
        elif kind == "del_member":
            old = self.state.pop(member, None)
            if old is not None:
                self._left[day] += 1
                self.muted -= int(old >= MUTED)
                self.folded -= int(old == FOLDED)
        elif kind == "mute":
            if self.state.get(member) == PRESENT:
                self.state[member] = MUTED
                self.muted += 1
        elif kind == "fold":
            if self.state.get(member) == MUTED:
                self.state[member] = FOLDED
                self.folded += 1
        elif kind in ("message", "checkin"):
            if member in self.state:
                self._speakers.setdefault(day, set()).add(member)
            self._messages[day] += int(ev.get("count", 1))
        elif kind == "order":
            price, cost = self.products.get(ev.get("product", ""), (0.0, 0.0))
            self.orders += 1
            self.buyers.add(member)
            self.gmv += price
            self.profit += float(ev.get("price", price)) - cost
        elif kind in ("dismiss", "group_died"):
            self.alive = False
        elif kind == "create_chat":
            self.created = True

    def copy(self) -> Counters:
        """An independent copy (a what-if course continues from the planned one's counts)."""
        new = copy.copy(self)
        new.state, new.buyers = dict(self.state), set(self.buyers)
        new._speakers = {day: set(members) for day, members in self._speakers.items()}
        new._joined, new._left, new._messages = _Tally(self._joined), _Tally(self._left), _Tally(self._messages)
        new._hourly = list(self._hourly)
        return new

    # ------------------------------------------------------------------ reading

    def snapshot(self, t: float | None = None) -> Snapshot:
        t = self.time if t is None else t
        self.advance(t)
        day = int(t // MINUTES_PER_DAY)
        return Snapshot(
            time=t, members=len(self.state), muted=self.muted, folded=self.folded,
            speakers=len(self._speakers.get(day, ())), joined_today=self._joined[day], left_today=self._left[day],
            messages_today=self._messages[day], buyers=len(self.buyers), orders=self.orders,
            gmv=round(self.gmv, 2), profit=round(self.profit, 2), alive=self.alive and self.created,
        )

    def series(self, hours: int | None = None) -> list[int]:
        """``members`` at each simulated hour so far, then now; with ``hours``, exactly the last
        ``hours`` + 1 points (0 before the playback's start), so a chart of it scrolls evenly."""
        if hours is None:
            return [*self._hourly, len(self.state)]
        points = self._hourly[-hours:]
        return [0] * (hours - len(points)) + [*points, len(self.state)]
