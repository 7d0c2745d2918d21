"""Operators: SOP steps become tasks on a SimPy resource (DESIGN §1 "SOPs are reminders").

A bot-sendable step in an automated group goes out after a short delay with ``auto_completion``.
A manual task is done with probability ``completion`` (persona default unless the scenario sets
it), after a log-normal delay with median ``delay``; the operator then needs a free slot of the
``PriorityResource`` (SOP tasks before group upkeep) and spends the action's labour minutes. A task
that waits longer than ``task_expiry_hours`` for an operator is skipped. Every group also needs
daily upkeep (answering, moderating) by type, which keeps operators busy.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

import numpy as np
import simpy

from simgroup.scenario._time import MINUTES_PER_DAY

if TYPE_CHECKING:
    from simgroup.engine.world import World

SOP_PRIORITY, UPKEEP_PRIORITY = 0, 1
UPKEEP_AT = 10 * 60


class OperatorPool:
    def __init__(self, w: World) -> None:
        self.w = w
        ops = w.scenario.operators
        self.resource = simpy.PriorityResource(w.env, capacity=ops.count)
        self.completion = ops.completion if ops.completion is not None else w.persona.completion
        self.delay = ops.delay if ops.delay is not None else w.persona.delay_minutes
        self.hourly_cost = ops.hourly_cost
        self.p = w.params.operators
        w.env.process(self._upkeep())

    def submit(self, g: int, kind: str, automated: bool, minutes: float,
               action: Callable[[float], None], label: str) -> None:
        self.w.env.process(self._task(g, kind, automated, minutes, action, label))

    def _task(self, g: int, kind: str, automated: bool, minutes: float,
              action: Callable[[float], None], label: str) -> Generator[Any, Any, None]:
        w = self.w
        spec = int(w.groups.spec[g])
        rng = w.streams.get("spec", w.specs[spec].id, "operators")
        u, z = rng.random(), rng.standard_normal()
        if automated:
            yield w.env.timeout(self.p.auto_delay_minutes)
            done = u < self.p.auto_completion
        else:
            yield w.env.timeout(self.delay * float(np.exp(self.p.delay_sigma * z)))
            done = u < self.completion
            if done:
                with self.resource.request(priority=SOP_PRIORITY) as req:
                    got = yield req | w.env.timeout(self.p.task_expiry_hours * 60.0)
                    if req not in got:
                        done = False
                    else:
                        yield w.env.timeout(minutes)
                        w.ledger.labor(spec, float(w.env.now), minutes, self.hourly_cost)
        t = float(w.env.now)
        if t >= w.horizon or not w.groups.alive[g]:
            return
        if done:
            w.ledger.tasks_sent[spec] += 1
            w.log(t, "sop_task", chat_id=w.chat_id(g), action=kind, status="sent", step=label)
            action(t)
        else:
            w.ledger.tasks_skipped[spec] += 1
            w.log(t, "sop_task", chat_id=w.chat_id(g), action=kind, status="skipped", step=label)

    def _upkeep(self) -> Generator[Any, Any, None]:
        w = self.w
        for day in range(w.days):
            yield w.env.timeout(day * MINUTES_PER_DAY + UPKEEP_AT - w.env.now)
            alive = np.flatnonzero(w.groups.alive[: w.groups.n])
            for g in alive:
                minutes = float(w.gt["upkeep_minutes"][int(w.spec_type[int(w.groups.spec[g])])])
                if minutes > 0:
                    w.env.process(self._upkeep_task(int(g), minutes))

    def _upkeep_task(self, g: int, minutes: float) -> Generator[Any, Any, None]:
        w = self.w
        with self.resource.request(priority=UPKEEP_PRIORITY) as req:
            yield req
            start = float(w.env.now)
            if start >= w.horizon:
                return
            yield w.env.timeout(minutes)
            w.ledger.labor(int(w.groups.spec[g]), start, minutes, self.hourly_cost)
