"""Operators: SOP steps become tasks for a pool of operators (DESIGN §1 "SOPs are reminders").

A bot-sendable step in an automated group goes out after a short delay with ``auto_completion``.
A manual task is done with probability ``completion`` (persona default unless the scenario sets
it), after a log-normal delay with median ``delay``; the operator then needs a free slot of the
pool (SOP tasks before group upkeep, first come first served within a priority) and spends the
action's labour minutes. A task that waits longer than ``task_expiry_hours`` for an operator is
skipped. Every group also needs daily upkeep (answering, moderating) by type, which keeps
operators busy.

Tasks are chains of SimPy timeouts with callbacks rather than one SimPy process each: a process
costs an initialisation event, a resource request, a condition and an expiry timeout per task,
three to four times the scheduler work of the two timeouts a task really needs (its delay and its
labour). :class:`OperatorPool` is the priority resource (the semantics of
``simpy.PriorityResource``: ``capacity`` slots, waiting requests served by priority, then request
time, then arrival order).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from simgroup.scenario._time import MINUTES_PER_DAY

if TYPE_CHECKING:
    from simgroup.engine.world import World

SOP_PRIORITY, UPKEEP_PRIORITY = 0, 1
UPKEEP_AT = 10 * 60


class _Request:
    """A request for an operator; ``grant`` runs when a slot is given, unless cancelled. It
    returns whether it keeps the slot (False: the slot is handed back at once)."""

    __slots__ = ("grant", "waiting")

    def __init__(self, grant: Callable[[], bool]) -> None:
        self.grant = grant
        self.waiting = True


class OperatorPool:
    def __init__(self, w: World) -> None:
        self.w = w
        ops = w.scenario.operators
        self.capacity = int(ops.count)
        self.free = self.capacity
        self._queue: list[tuple[int, float, int, _Request]] = []
        self._seq = 0
        self.completion = ops.completion if ops.completion is not None else w.persona.completion
        self.delay = ops.delay if ops.delay is not None else w.persona.delay_minutes
        self.hourly_cost = ops.hourly_cost
        self.p = w.params.operators
        self._rngs = [w.streams.get("spec", s.id, "operators") for s in w.specs]
        w.env.process(self._upkeep())

    # ------------------------------------------------------------------ scheduling helpers

    def _after(self, minutes: float, fn: Callable[[], None]) -> None:
        """Run ``fn()`` ``minutes`` from now (one scheduler event)."""
        ev = self.w.env.timeout(minutes)
        ev.callbacks.append(lambda _ev: fn())

    def _acquire(self, priority: int, grant: Callable[[], bool]) -> _Request:
        """Ask for an operator; ``grant()`` runs now if one is free, else when one frees up."""
        req = _Request(grant)
        if self.free > 0:
            req.waiting = False
            if grant():
                self.free -= 1
        else:
            heapq.heappush(self._queue, (priority, float(self.w.env.now), self._seq, req))
            self._seq += 1
        return req

    def _release(self) -> None:
        """A slot is free: give it to the first waiting request that keeps it (a loop, not a
        recursion: a request granted after the horizon hands the slot straight back)."""
        while self._queue:
            req = heapq.heappop(self._queue)[3]
            if req.waiting:
                req.waiting = False
                if req.grant():
                    return
        self.free += 1

    # ------------------------------------------------------------------ SOP tasks

    def submit(self, g: int, kind: str, automated: bool, minutes: float,
               action: Callable[[float], None], label: str) -> None:
        """Queue the task of an SOP step; ``action(t)`` runs if and when the task is sent."""
        w = self.w
        spec = int(w.groups.spec[g])
        rng = self._rngs[spec]
        u, z = rng.random(), rng.standard_normal()
        task = (g, spec, kind, action, label)
        if automated:
            done = bool(u < self.p.auto_completion)
            self._after(self.p.auto_delay_minutes, lambda: self._finish(task, done))
        elif u < self.completion:
            self._after(self.delay * math.exp(self.p.delay_sigma * z), lambda: self._work(task, minutes))
        else:
            self._after(self.delay * math.exp(self.p.delay_sigma * z), lambda: self._finish(task, False))

    def _work(self, task: tuple[Any, ...], minutes: float) -> None:
        spec = task[1]

        def granted() -> bool:
            def worked() -> None:
                self.w.ledger.labor(spec, float(self.w.env.now), minutes, self.hourly_cost)
                self._release()
                self._finish(task, True)

            self._after(minutes, worked)
            return True

        req = self._acquire(SOP_PRIORITY, granted)
        if req.waiting:
            def expire() -> None:
                if req.waiting:
                    req.waiting = False
                    self._finish(task, False)

            self._after(self.p.task_expiry_hours * 60.0, expire)

    def _finish(self, task: tuple[Any, ...], done: bool) -> None:
        w = self.w
        g, spec, kind, action, label = task
        t = float(w.env.now)
        if t >= w.horizon or not w.groups.alive[g]:
            return
        if w.events is not None:
            w.log(t, "sop_task", chat_id=w.chat_id(g), action=kind, status="sent" if done else "skipped", step=label)
        if done:
            w.ledger.tasks_sent[spec] += 1
            action(t)
        else:
            w.ledger.tasks_skipped[spec] += 1

    # ------------------------------------------------------------------ upkeep

    def _upkeep(self) -> Any:
        w = self.w
        for day in range(w.days):
            yield w.env.timeout(day * MINUTES_PER_DAY + UPKEEP_AT - w.env.now)
            alive = np.flatnonzero(w.groups.alive[: w.groups.n])
            for g in alive:
                minutes = float(w.gt["upkeep_minutes"][int(w.spec_type[int(w.groups.spec[g])])])
                if minutes > 0:
                    self._acquire(UPKEEP_PRIORITY, self._upkeep_granted(int(g), minutes))

    def _upkeep_granted(self, g: int, minutes: float) -> Callable[[], bool]:
        def granted() -> bool:
            w = self.w
            start = float(w.env.now)
            if start >= w.horizon:  # nothing to do after the end: hand the slot back
                return False

            def worked() -> None:
                w.ledger.labor(int(w.groups.spec[g]), start, minutes, self.hourly_cost)
                self._release()

            self._after(minutes, worked)
            return True

        return granted
