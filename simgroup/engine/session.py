"""A steppable simulation for playback: one replication advanced slice by slice, its event log
narrowed to one chat and released in time order, and what-if actions injected at given times.

Contract:

* ``Session(scenario, replication, seed=None, days=None, chat=None, injections=())`` builds the
  :class:`~simgroup.engine.world.World` and sets up time 0 (:meth:`World.start`); nothing is
  simulated until :meth:`release` or :meth:`next_time` needs it, so the first events of a long
  scenario are out at once. ``chat`` is a chat id (``"traffic-2"``) or a group spec id
  (``"traffic"``: its first chat); default the first spec's first chat.
* :meth:`release(until, limit)` returns the followed chat's events with ``time <= until`` not
  released before, oldest first (ties in log order), at most ``limit``. To release up to
  ``until`` the world runs one background tick (plus a minute) beyond it: a tick logs its leaves,
  mutes, folds and arrivals at its end with times inside it. Orders, which are booked ahead
  (``time > now``), wait until the clock reaches them. Chatter is logged at the tick's end with
  each message's time inside the tick (:mod:`simgroup.engine.chat_times`) and the tick's end as
  ``tick_time``.
* ``injections`` are ``(time, step)`` pairs, a step being an SOP step model (``Coupon``, ``Post``,
  ...). Each runs on the chat's group when the world's clock reaches its time (after everything
  scheduled strictly before it), without an operator task (the trainer acts now). Its events carry
  ``injected: True``. :meth:`fork` is a new session at the same seed and replication with one more
  injection: the same (scenario, seed, replication, injections) always give the same events.
* Event dicts are the engine's WeCom-callback-shaped records (docs/model.md, "Outputs"); never mutate them.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

from simgroup.engine import actions
from simgroup.engine.world import World
from simgroup.scenario.models import Scenario, SopStep

Injection = tuple[float, Any]


def resolve_chat(scenario: Scenario, chat: str | None) -> str:
    """The chat id ``chat`` names (a chat id or a spec id); ``ValueError`` if it names neither."""
    specs = [g.id for g in scenario.groups]
    if not specs:
        raise ValueError("the scenario has no groups")
    if chat is None:
        return f"{specs[0]}-1"
    if chat in specs:
        return f"{chat}-1"
    spec, _, ordinal = chat.rpartition("-")
    if spec in specs and ordinal.isdigit() and int(ordinal) >= 1:
        return chat
    raise ValueError(f"no group {chat!r}: use a group spec id ({', '.join(specs)}) or a chat id like {specs[0]}-1")


class Session:
    """One replication, followed in one chat (see the module contract)."""

    def __init__(self, scenario: Scenario, replication: int = 0, *, seed: int | None = None,
                 days: int | None = None, chat: str | None = None, injections: Sequence[Injection] = ()) -> None:
        self.scenario = scenario
        self.replication = int(replication)
        self.seed = int(scenario.seed if seed is None else seed)
        self.days = int(scenario.days if days is None else days)
        self.chat = resolve_chat(scenario, chat)
        self.spec, _, ordinal = self.chat.rpartition("-")
        self._ordinal = int(ordinal) - 1
        self.injections: tuple[Injection, ...] = tuple(sorted(injections, key=lambda i: i[0]))
        self._todo = list(self.injections)
        self.world = World(scenario, self.replication, self.seed, self.days, record_events=True)
        self.world.log_chat = self.chat
        self.horizon = self.world.horizon
        self.lag = float(self.world.params.tick_minutes) + 1.0
        self._read = 0  # world events moved to the heap so far
        self._seq = 0
        self._heap: list[tuple[float, int, dict[str, Any]]] = []
        self.world.start()

    # ------------------------------------------------------------------ the followed group

    def group(self) -> int | None:
        """The world's index of the followed chat's group, once created."""
        w = self.world
        spec = w.spec_index.get(self.spec)
        if spec is None or self._ordinal >= len(w.spec_groups[spec]):
            return None
        return w.spec_groups[spec][self._ordinal]

    def alive(self) -> bool:
        g = self.group()
        return g is not None and bool(self.world.groups.alive[g])

    @property
    def now(self) -> float:
        return float(self.world.env.now)

    @property
    def _log(self) -> list[dict[str, Any]]:
        """The world's event log (a session always records one)."""
        events = self.world.events
        if events is None:
            raise RuntimeError("a playback session's world records its events")
        return events

    @property
    def finished(self) -> bool:
        return self.now > self.horizon and not self._heap and self._read == len(self._log)

    # ------------------------------------------------------------------ running

    def _run_to(self, t: float) -> None:
        """Advance the world's clock to ``t`` (capped just past the horizon), injecting on the way."""
        w = self.world
        t = min(t, self.horizon + 1e-6)
        while self._todo and self._todo[0][0] <= t:
            at, step = self._todo.pop(0)
            if at > w.env.now:
                w.env.run(until=at)
            self._inject(step, float(w.env.now))
        if t > w.env.now:
            w.env.run(until=t)
        self._collect()

    def _inject(self, step: SopStep, t: float) -> None:
        g = self.group()
        if g is None or not self.world.groups.alive[g]:
            return
        start = len(self._log)
        actions.execute(self.world, g, step, None, t)
        for rec in self._log[start:]:
            rec["injected"] = True
            if rec["event"] == "post":
                rec["step_model"] = step

    def _collect(self) -> None:
        """Move new log records to the heap (oldest first when released)."""
        events = self._log
        for rec in events[self._read:]:
            heapq.heappush(self._heap, (rec["time"], self._seq, rec))
            self._seq += 1
        self._read = len(events)

    def _final_before(self) -> float:
        """Events earlier than this are final (no later tick can log one)."""
        return float("inf") if self.now > self.horizon else self.now - self.lag

    def release(self, until: float, limit: int | None = None) -> list[dict[str, Any]]:
        """The chat's events up to ``until`` not released before, oldest first (see the contract)."""
        if self.now <= until + self.lag:
            self._run_to(until + self.lag + 1e-6)
        out: list[dict[str, Any]] = []
        heap = self._heap
        while heap and heap[0][0] <= until and (limit is None or len(out) < limit):
            out.append(heapq.heappop(heap)[2])
        return out

    def next_time(self) -> float | None:
        """Time of the next event to release (running the world as far as needed), or None."""
        while True:
            if self._heap and self._heap[0][0] < self._final_before():
                return self._heap[0][0]
            if self.now > self.horizon:
                return self._heap[0][0] if self._heap else None
            self._run_to(self.now + self.lag)

    def fork(self, step: SopStep, t: float) -> Session:
        """A new session at the same seed with ``step`` injected at ``t`` (built from time 0)."""
        return Session(self.scenario, self.replication, seed=self.seed, days=self.days, chat=self.chat,
                       injections=(*self.injections, (float(t), step)))

    def restarted(self) -> Session:
        """The same session from time 0, without injections (the plan)."""
        return Session(self.scenario, self.replication, seed=self.seed, days=self.days, chat=self.chat)
