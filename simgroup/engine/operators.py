"""Operators: SOP steps become tasks for a pool of operators (docs/model.md "SOPs are reminders").

A bot-sendable step in an automated group goes out after a short delay with ``auto_completion``.
A manual task is done with probability ``completion`` (persona default unless the scenario sets
it), after a log-normal delay with median ``delay``; the operator then needs a free slot of the
pool (SOP tasks before group upkeep, first come first served within a priority) and spends the
action's labour minutes. A task that waits longer than ``task_expiry_hours`` for an operator is
skipped. Every group also needs daily upkeep (answering, moderating) by type, which keeps
operators busy.

Tasks are chains of scheduler entries with callbacks rather than one SimPy process each: a
process costs an initialisation event, a resource request, a condition and an expiry timeout per
task, three to four times the scheduler work of the two entries a task really needs (its delay
and its labour; expiries share one timer). :class:`OperatorPool` is the priority resource (the semantics of
``simpy.PriorityResource``: ``capacity`` slots, waiting requests served by priority, then request
time, then arrival order).
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from simpy.events import NORMAL

from simgroup.engine.actions import execute
from simgroup.scenario.times import MINUTES_PER_DAY

if TYPE_CHECKING:
    from simgroup.engine.world import World
    from simgroup.scenario.models import SopStep

SOP_PRIORITY, UPKEEP_PRIORITY = 0, 1
UPKEEP_AT = 10 * 60


class _Call:
    """A scheduler entry that runs one callback: all the environment's step needs of an event
    (its callbacks, and that it did not fail), without a Timeout's construction."""

    __slots__ = ("_ok", "callbacks")

    def __init__(self, fn: Callable[[Any], None]) -> None:
        self.callbacks: list[Callable[[Any], None]] | None = [fn]
        self._ok = True


class _Upkeep:
    """A group's daily upkeep: a request for an operator, then its labour minutes."""

    __slots__ = ("g", "minutes", "pool", "start", "waiting")

    def __init__(self, pool: OperatorPool, g: int, minutes: float) -> None:
        self.pool = pool
        self.g = g
        self.minutes = minutes
        self.start = 0.0
        self.waiting = True

    def grant(self) -> bool:
        pool = self.pool
        self.start = float(pool.env.now)
        if self.start >= pool.w.horizon:  # nothing to do after the end: hand the slot back
            return False
        pool._after(self.minutes, self.worked)
        return True

    def worked(self, _ev: Any) -> None:
        w = self.pool.w
        w.ledger.labor(int(w.groups.spec[self.g]), self.start, self.minutes, self.pool.hourly_cost)
        self.pool._release()


class _Task:
    """One SOP task; also its request for an operator (one object per task, no closures)."""

    __slots__ = ("g", "kind", "label", "minutes", "pool", "spec", "step", "targets", "waiting")

    def __init__(self, pool: OperatorPool, g: int, spec: int, kind: str, step: SopStep, targets: np.ndarray | None,
                 label: str, minutes: float) -> None:
        self.pool = pool
        self.g = g
        self.spec = spec
        self.kind = kind
        self.step = step
        self.targets = targets
        self.label = label
        self.minutes = minutes
        self.waiting = True

    def sent(self, _ev: Any) -> None:
        self.pool._finish(self, True)

    def skipped(self, _ev: Any) -> None:
        self.pool._finish(self, False)

    def work(self, _ev: Any) -> None:
        """The delay is over: the task waits for an operator (SOP tasks first), then takes its
        labour minutes; it is skipped if no operator is free within the expiry."""
        pool = self.pool
        pool._acquire(SOP_PRIORITY, self)
        if self.waiting:
            pool._expire_later(self)

    def grant(self) -> bool:
        self.pool._after(self.minutes, self.worked)
        return True

    def worked(self, _ev: Any) -> None:
        pool = self.pool
        pool.w.ledger.labor(self.spec, float(pool.env.now), self.minutes, pool.hourly_cost)
        pool._release()
        pool._finish(self, True)


class OperatorPool:
    def __init__(self, w: World) -> None:
        self.w = w
        self.env = w.env
        ops = w.scenario.operators
        self.capacity = int(ops.count)
        self.free = self.capacity
        self._queue: list[tuple[int, float, int, _Upkeep | _Task]] = []
        self._seq = 0
        # waiting SOP tasks with their expiry times, in request order (_expire_later)
        self._expiring: deque[tuple[float, _Task]] = deque()
        self._sweep_pending = False
        self.completion = ops.completion if ops.completion is not None else w.persona.completion
        self.delay = ops.delay if ops.delay is not None else w.persona.delay_minutes
        self.hourly_cost = ops.hourly_cost
        self.p = w.params.operators
        self._rngs = [w.streams.get("spec", s.id, "operators") for s in w.specs]
        w.env.process(self._upkeep())

    # ------------------------------------------------------------------ scheduling helpers

    def _after(self, minutes: float, fn: Callable[[Any], None]) -> None:
        """Run ``fn(event)`` ``minutes`` from now (one scheduler event, ordered like a timeout)."""
        self.env.schedule(_Call(fn), NORMAL, minutes)  # type: ignore[arg-type]

    def _acquire(self, priority: int, req: _Upkeep | _Task) -> None:
        """Ask for an operator; ``req.grant()`` runs now if one is free, else when one frees up."""
        if self.free > 0:
            req.waiting = False
            if req.grant():
                self.free -= 1
        else:
            heapq.heappush(self._queue, (priority, float(self.env.now), self._seq, req))
            self._seq += 1

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

    def _expire_later(self, task: _Task) -> None:
        """``task`` waits for an operator: it is skipped if still waiting ``task_expiry_hours``
        from now.

        Most waiting tasks get an operator in time, so instead of a timer per task (a scheduler
        event each, nearly all of them finding the task gone) the waiting tasks are kept in
        request order, which is also the order of their expiry times, and one timer runs at the
        first expiry still pending. It runs at exactly the time a task's own timer would
        (``request time + expiry``; re-armed at ``t`` for a time ``t'`` with
        ``t <= t' <= t + expiry <= 2t``, so ``t + (t' - t)`` is exact)."""
        expiry = self.p.task_expiry_hours * 60.0
        self._expiring.append((self.env.now + expiry, task))
        if not self._sweep_pending:
            self._sweep_pending = True
            self._after(expiry, self._sweep)

    def _sweep(self, _ev: Any) -> None:
        """Skip the tasks whose expiry has come and that still wait, then re-arm the timer for the
        first task still waiting."""
        now = self.env.now
        queue = self._expiring
        while queue and (not queue[0][1].waiting or queue[0][0] <= now):
            task = queue.popleft()[1]
            if task.waiting:
                task.waiting = False
                self._finish(task, False)
        self._sweep_pending = bool(queue)
        if queue:
            self._after(queue[0][0] - now, self._sweep)

    # ------------------------------------------------------------------ SOP tasks

    def submit(self, g: int, spec: int, kind: str, automated: bool, minutes: float, step: SopStep,
               targets: np.ndarray | None, label: str) -> None:
        """Queue the task of an SOP step of group ``g`` (of spec ``spec``); the step's action runs
        on ``targets`` if and when the task is sent."""
        self.w.budget.add_task(label)
        rng = self._rngs[spec]
        u, z = rng.random(), rng.standard_normal()
        task = _Task(self, g, spec, kind, step, targets, label, minutes)
        if automated:
            self._after(self.p.auto_delay_minutes, task.sent if u < self.p.auto_completion else task.skipped)
        else:
            delay = self.delay * math.exp(self.p.delay_sigma * z)
            self._after(delay, task.work if u < self.completion else task.skipped)

    def _finish(self, task: _Task, done: bool) -> None:
        w = self.w
        g = task.g
        t = float(self.env.now)
        if t >= w.horizon or not w.groups.alive[g]:
            return
        if w.events is not None:
            w.log(t, "sop_task", chat_id=w.chat_id(g), action=task.kind, status="sent" if done else "skipped",
                  step=task.label)
        if done:
            w.ledger.tasks_sent[task.spec] += 1
            w.budget.step = task.label  # what the step creates is charged to it
            try:
                execute(w, g, task.step, task.targets, t)
            finally:
                w.budget.step = None
        else:
            w.ledger.tasks_skipped[task.spec] += 1

    # ------------------------------------------------------------------ upkeep

    def _upkeep(self) -> Any:
        w = self.w
        for day in range(w.days):
            yield w.env.timeout(day * MINUTES_PER_DAY + UPKEEP_AT - w.env.now)
            alive = np.flatnonzero(w.groups.alive[: w.groups.n])
            for g in alive:
                minutes = float(w.type_columns["upkeep_minutes"][int(w.spec_type[int(w.groups.spec[g])])])
                if minutes > 0:
                    self._acquire(UPKEEP_PRIORITY, _Upkeep(self, int(g), minutes))
