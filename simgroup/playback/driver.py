"""The playback of one chat: a clock at a chosen speed over a steppable simulation, the feed and
counters it produces, and what-if forks. No Textual: the TUI calls it from one worker thread and
turns each returned :class:`Frame` into a message.

Contract:

* Every public method returns a :class:`Frame`: the clock, the feed lines that became due since
  the last frame (``reset``: the feed should be cleared first), the counters, the hourly
  member series, the what-if comparison if one is live, and a ``notice`` code for the status
  line (``end``, ``no-product``, ``no-group``, ``forked``, ``jumped``, ``no-sop``).
* :meth:`frame(real_seconds)` moves the clock by ``real_seconds × speed`` simulated minutes when
  playing; :meth:`step` pauses and shows exactly the next event that has a line; :meth:`jump`
  goes to any time (back in time = rebuilt from time 0 with the injections made before it);
  :meth:`next_sop_step` runs on to the next operator post that is not a welcome.
* :meth:`inject(action)` forks the simulation at the clock (:meth:`Session.fork`): the feed and
  the counters continue from where they are under the new course, and until the end of that day
  the frame carries "as planned" vs "after your action" counters, frozen at midnight. The new
  course's own version of events up to the fork time is dropped (the feed already showed the
  planned one; within the tick of the fork they may differ, the model's time step being a tick),
  so both columns are equal at the fork and differ only by what happens after it.
* Going back in time (:meth:`jump` to an earlier minute) rewinds to the plan: the simulation is
  rebuilt from time 0 without the what-ifs.
* Same scenario, seed, replication, chat, language and the same calls give the same frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simgroup.engine.session import Session
from simgroup.playback.counters import Counters, Snapshot
from simgroup.playback.feed import Composer, FeedLine, clock_label
from simgroup.playback.templates import ACTION_NAMES, pick
from simgroup.playback.whatif import WhatIfError, build_step
from simgroup.scenario.models import Scenario
from simgroup.scenario.times import MINUTES_PER_DAY

SPEEDS: tuple[float, ...] = (1 / 60, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1440, 3000, 6000)
DEFAULT_SPEED = 60.0
MAX_FRAME_LINES = 400  # a frame with more lines resets the feed to its tail
SERIES_HOURS = 96
END_OF_DAY = 1e-3  # minutes before midnight at which the day's comparison is frozen


@dataclass(frozen=True)
class Comparison:
    """Counters of the planned course and of the course after the trainer's action."""

    action: str
    at: float
    until: float
    planned: Snapshot
    after: Snapshot
    final: bool


@dataclass(frozen=True)
class Frame:
    time: float
    clock: str
    lines: tuple[FeedLine, ...]
    reset: bool
    counters: Snapshot
    series: tuple[int, ...]
    comparison: Comparison | None
    playing: bool
    speed: float
    finished: bool
    chat: str
    notice: str | None = None


@dataclass(frozen=True)
class PlaybackOptions:
    """What to play: the chat (a chat or group spec id; None: the first), replication, seed
    (None: the scenario's), days (None: the scenario's), speed in simulated minutes per second,
    and whether to start playing (else paused at time 0)."""

    chat: str | None = None
    replication: int = 0
    seed: int | None = None
    days: int | None = None
    speed: float = DEFAULT_SPEED
    playing: bool = True

    def driver(self, scenario: Scenario, lang: str = "en") -> PlaybackDriver:
        return PlaybackDriver(scenario, chat=self.chat, replication=self.replication, seed=self.seed,
                              days=self.days, speed=self.speed, lang=lang, playing=self.playing)


class PlaybackDriver:
    """One chat played back (see the module contract)."""

    def __init__(self, scenario: Scenario, *, chat: str | None = None, replication: int = 0,
                 seed: int | None = None, days: int | None = None, speed: float = DEFAULT_SPEED,
                 lang: str = "en", playing: bool = True) -> None:
        self.scenario = scenario
        self.lang = lang
        self.speed = float(speed)
        self.playing = playing
        self.time = 0.0
        self.session = Session(scenario, replication, seed=seed, days=days, chat=chat)
        self.horizon = self.session.horizon
        self._fresh(self.session)
        self._planned: tuple[Session, Counters] | None = None
        self._whatif: tuple[str, float, float] | None = None
        self._final: Comparison | None = None

    def _fresh(self, session: Session) -> None:
        self.session = session
        self.composer = Composer(self.scenario, self.lang, seed=session.seed, replication=session.replication)
        self.counters = Counters(self.scenario)
        self._hide_until = -1.0

    @property
    def finished(self) -> bool:
        return self.time >= self.horizon and self.session.next_time() is None

    # ------------------------------------------------------------------ releasing events

    def _consume(self, events: list[dict[str, Any]]) -> list[FeedLine]:
        out: list[FeedLine] = []
        for ev in events:
            if ev["time"] <= self._hide_until and not ev.get("injected"):
                continue  # the planned course's version was shown and counted already
            self.counters.apply(ev)
            out.extend(self.composer.lines(ev))
        return out

    def _release(self, until: float, limit: int | None = None) -> list[FeedLine]:
        lines: list[FeedLine] = []
        if self._whatif is not None and self._final is None and until >= self._whatif[2]:
            end = self._whatif[2]
            lines += self._consume(self.session.release(end))
            self._close_comparison(end)
        lines += self._consume(self.session.release(until, limit))
        if self._planned is not None:
            assert self._whatif is not None  # a planned course exists only under a what-if
            session, counters = self._planned
            for ev in session.release(min(until, self._whatif[2])):
                counters.apply(ev)
        return lines

    def _close_comparison(self, end: float) -> None:
        assert self._whatif is not None and self._planned is not None
        session, counters = self._planned
        for ev in session.release(end):
            counters.apply(ev)
        action, at, until = self._whatif
        last = end - END_OF_DAY  # "today" counters still count the fork's day
        self._final = Comparison(action, at, until, counters.snapshot(last), self.counters.snapshot(last), True)
        self._planned = None

    def _frame(self, lines: list[FeedLine], *, reset: bool = False, notice: str | None = None) -> Frame:
        if len(lines) > MAX_FRAME_LINES:
            lines, reset = lines[-MAX_FRAME_LINES:], True
        self.counters.advance(self.time)
        finished = self.time >= self.horizon and self.session.finished
        if finished:
            self.playing = False
            notice = notice or "end"
        return Frame(
            time=self.time, clock=clock_label(self.time, self.lang, self.scenario.start), lines=tuple(lines),
            reset=reset, counters=self.counters.snapshot(self.time), series=tuple(self.counters.series(SERIES_HOURS)),
            comparison=self.comparison(), playing=self.playing, speed=self.speed, finished=finished,
            chat=self.session.chat, notice=notice,
        )

    def comparison(self) -> Comparison | None:
        if self._final is not None:
            return self._final
        if self._whatif is None or self._planned is None:
            return None
        action, at, until = self._whatif
        t = min(self.time, until)
        return Comparison(action, at, until, self._planned[1].snapshot(t), self.counters.snapshot(t), False)

    # ------------------------------------------------------------------ controls

    def start(self) -> Frame:
        """The first frame: what happens at time 0 (the group's creation)."""
        return self._frame(self._release(self.time))

    def frame(self, real_seconds: float) -> Frame:
        if not self.playing:
            return self._frame([])
        self.time = min(self.time + max(real_seconds, 0.0) * self.speed, self.horizon)
        return self._frame(self._release(self.time))

    def toggle(self) -> Frame:
        self.playing = not self.playing and not self.finished
        return self._frame([])

    def set_speed(self, speed: float) -> Frame:
        self.speed = min(max(float(speed), SPEEDS[0]), SPEEDS[-1])
        return self._frame([])

    def faster(self) -> Frame:
        return self.set_speed(next((s for s in SPEEDS if s > self.speed * 1.001), SPEEDS[-1]))

    def slower(self) -> Frame:
        return self.set_speed(next((s for s in reversed(SPEEDS) if s < self.speed * 0.999), SPEEDS[0]))

    def step(self) -> Frame:
        """Pause and show the next event that has a feed line."""
        self.playing = False
        lines: list[FeedLine] = []
        while not lines:
            t = self.session.next_time()
            if t is None:
                self.time = self.horizon
                break
            self.time = max(self.time, t)
            lines = self._release(t, limit=1)
        return self._frame(lines)

    def next_sop_step(self) -> Frame:
        """Run on to the next operator post that is not a welcome (the next SOP step sent)."""
        lines: list[FeedLine] = []
        while True:
            t = self.session.next_time()
            if t is None:
                self.time = self.horizon
                return self._frame(lines, notice="no-sop")
            self.time = max(self.time, t)
            new = self._release(t, limit=1)
            lines += new
            if any(ln.kind == "operator" and ln.action != "welcome" for ln in new):
                return self._frame(lines, reset=len(lines) > MAX_FRAME_LINES)

    def jump(self, t: float) -> Frame:
        """Go to simulated minute ``t`` (earlier: rebuilt from time 0; the what-if is dropped)."""
        t = min(max(float(t), 0.0), self.horizon)
        if t < self.time:
            self._fresh(self.session.restarted())
            self._drop_comparison()
            self.time = 0.0
        self.time = t
        lines = self._release(t)
        note = FeedLine(t, "system", pick(self.lang, "jumped", clock=clock_label(t, self.lang, self.scenario.start)))
        return self._frame([*lines[-MAX_FRAME_LINES + 1:], note], reset=True, notice="jumped")

    def jump_day(self, day: int) -> Frame:
        return self.jump(day * MINUTES_PER_DAY)

    def _drop_comparison(self) -> None:
        self._planned, self._whatif, self._final = None, None, None

    def inject(self, action: str) -> Frame:
        """Act now: fork the simulation at the clock with ``action`` (see the module contract)."""
        try:
            step = build_step(self.scenario, action, self.time)
        except WhatIfError:
            return self._frame([], notice="no-product")
        if not self.session.alive():
            return self._frame([], notice="no-group")
        at = self.time
        planned = (self.session, self.counters)
        counters, composer = self.counters.copy(), self.composer.copy()
        self._fresh(self.session.fork(step, at))
        self.counters, self.composer, self._hide_until = counters, composer, at
        lines = self._consume(self.session.release(at))
        self._planned = planned
        self._whatif = (action, at, (int(at // MINUTES_PER_DAY) + 1) * MINUTES_PER_DAY)
        self._final = None
        name = ACTION_NAMES.get(self.lang, ACTION_NAMES["en"])[action]
        note = FeedLine(at, "whatif", pick(self.lang, "whatif", action=name,
                                           clock=clock_label(at, self.lang, self.scenario.start)), injected=True)
        return self._frame([note, *lines], notice="forked")
