"""The SOP runner: turns each group's steps into SimPy processes and event hooks.

Timed steps (``day``, ``every``, ``at``) are processes started when a group is created; event
steps (``on: member_join | member_leave | purchase | member_count | inactive``) fire from hooks the
world calls. Every firing becomes an operator task (:mod:`simgroup.engine.operators`) whose
completion runs the action (:mod:`simgroup.engine.actions`).

Timing rules: ``day: N`` counts calendar days from the group's creation day (day 0 is the creation
day, ``at`` defaults to 09:00); ``from: member`` counts from each member's join day instead and
targets the members who joined N days before; ``every`` fires from the creation day on, at ``at``
(default 09:00); ``at`` alone fires once, at the next such clock time (or the given date-time).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from simgroup.engine import population
from simgroup.scenario.models import SopStep, parse_at, parse_every
from simgroup.scenario.times import MINUTES_PER_DAY
from simgroup.scenario.vocabulary import SEGMENTS

if TYPE_CHECKING:
    from simgroup.engine.world import World

DEFAULT_AT = 9 * 60
TIMED, MEMBER_DAY, EVENT = "timed", "member_day", "event"


class SopRunner:
    def __init__(self, w: World) -> None:
        self.w = w
        self.steps: list[list[tuple[int, Any]]] = []
        self.tags: dict[str, int] = {}
        for spec in w.specs:
            steps = w.scenario.sops.get(spec.sop, []) if spec.sop else []
            self.steps.append(list(enumerate(steps)))
            for _, step in enumerate(steps):
                for name in (getattr(step, "tag", None), getattr(step, "name", None),
                             getattr(getattr(step, "select", None), "tag", None)):
                    if name and name not in self.tags:
                        self.tags[name] = len(self.tags)
        self.count_fired: set[tuple[int, int]] = set()
        # (spec, step) -> automated, minutes, label, has a size condition, has a target filter
        self._tasks: dict[tuple[int, int], tuple[bool, float, str, bool, bool]] = {}
        self._timed_batches: dict[tuple[int, int, float], list[int]] = {}  # (spec, step, created) -> groups
        self.has_event = {e: any(step.on == e for steps in self.steps for _, step in steps)
                          for e in ("member_join", "member_leave", "purchase", "member_count", "inactive")}

    # ------------------------------------------------------------------ timed steps

    def start_group(self, g: int) -> None:
        spec = int(self.w.groups.spec[g])
        for i, step in self.steps[spec]:
            if step.on is not None:
                if step.on == "inactive":
                    self.w.env.process(self._inactive(g, i, step))
                continue
            if step.anchor == "member":
                self.w.env.process(self._member_day(g, i, step))
            else:
                # groups of one spec created at the same instant fire a timed step at the same
                # times: one scheduler event per firing for all of them, in group order
                key = (spec, i, float(self.w.groups.created_t[g]))
                batch = self._timed_batches.get(key)
                if batch:
                    batch.append(g)
                else:
                    batch = self._timed_batches[key] = [g]
                    self._next_timed(batch, i, step, self._times(g, step))

    def _times(self, g: int, step: SopStep) -> Iterator[float]:
        w = self.w
        created = float(w.groups.created_t[g])
        day0 = int(created // MINUTES_PER_DAY)
        absolute, clock = parse_at(step.at) if step.at is not None else (None, DEFAULT_AT)
        if absolute is not None:
            yield float(w.scenario.absolute_day(absolute) * MINUTES_PER_DAY + clock)
            return
        if step.day is not None:
            days = step.day if isinstance(step.day, list) else [step.day]
            for d in sorted(days):
                yield float((day0 + d) * MINUTES_PER_DAY + clock)
            return
        if step.every is not None:
            kind, arg = parse_every(step.every)
            d = day0
            while d < w.days:
                if kind == "days":
                    if (d - day0) % arg == 0:
                        yield float(d * MINUTES_PER_DAY + clock)
                elif (w.start_weekday + d) % 7 in arg:
                    yield float(d * MINUTES_PER_DAY + clock)
                d += 1
            return
        first = day0 * MINUTES_PER_DAY + clock
        yield float(first if first >= created else first + MINUTES_PER_DAY)

    def _next_timed(self, batch: list[int], i: int, step: SopStep, times: Iterator[float]) -> None:
        """Schedule the next firing of a timed step for a batch of groups created together (a
        timeout with a callback: one scheduler event per firing, not a SimPy process per step
        and group)."""
        w = self.w
        created = float(w.groups.created_t[batch[0]])
        for t in times:
            if t < created or t < w.env.now:
                continue
            if t >= w.horizon:
                return
            ev = w.env.timeout(t - w.env.now)
            ev.callbacks.append(lambda _ev: self._timed_fire(batch, i, step, times))
            return

    def _timed_fire(self, batch: list[int], i: int, step: SopStep, times: Iterator[float]) -> None:
        alive = self.w.groups.alive
        batch[:] = [g for g in batch if alive[g]]  # a dead group's steps stop
        for g in batch:
            self.fire(g, i, step, None)
        if batch:
            self._next_timed(batch, i, step, times)

    def _member_day(self, g: int, i: int, step: SopStep) -> Generator[Any, Any, None]:
        w = self.w
        _, clock = parse_at(step.at) if step.at is not None else (None, DEFAULT_AT)
        days = np.asarray(step.day if isinstance(step.day, list) else [step.day], dtype=np.int64)
        d = int(w.groups.created_t[g] // MINUTES_PER_DAY)
        while d < w.days:
            t = float(d * MINUTES_PER_DAY + clock)
            if t >= w.env.now:
                yield w.env.timeout(t - w.env.now)
                if not w.groups.alive[g]:
                    return
                members = w.group_members(g)
                join_day = (w.pop.join_t[members] // MINUTES_PER_DAY).astype(np.int64)
                targets = members[np.isin(d - join_day, days)]
                if targets.size:
                    self.fire(g, i, step, targets)
            d += 1

    def _inactive(self, g: int, i: int, step: SopStep) -> Generator[Any, Any, None]:
        """Daily at 09:00: members whose last activity crossed ``idle`` in the past day."""
        w = self.w
        if step.idle is None:  # validation requires idle for on: inactive
            return
        idle = step.idle
        d = int(w.groups.created_t[g] // MINUTES_PER_DAY) + 1
        while d < w.days:
            t = float(d * MINUTES_PER_DAY + DEFAULT_AT)
            yield w.env.timeout(t - w.env.now)
            if not w.groups.alive[g]:
                return
            members = w.group_members(g)
            last = w.pop.last_active_t[members]
            crossed = (last <= t - idle) & (last > t - idle - MINUTES_PER_DAY)
            if crossed.any():
                self.fire(g, i, step, members[crossed])
            d += 1

    # ------------------------------------------------------------------ event hooks

    def on_join(self, g: int, rows: np.ndarray) -> None:
        if not (self.has_event["member_join"] or self.has_event["member_count"]):
            return
        spec = int(self.w.groups.spec[g])
        for i, step in self.steps[spec]:
            if step.on == "member_join":
                self._fire_after(g, i, step, rows)
            elif (
                step.on == "member_count" and (g, i) not in self.count_fired and self.w.groups.count[g] >= step.min
            ):
                self.count_fired.add((g, i))
                self._fire_after(g, i, step, None)

    def on_leave(self, rows: np.ndarray) -> None:
        self._by_group(rows, "member_leave")

    def on_purchase(self, rows: np.ndarray) -> None:
        self._by_group(rows, "purchase")

    def _by_group(self, rows: np.ndarray, event: str) -> None:
        w = self.w
        if not self.has_event[event]:
            return
        groups = w.pop.group[rows]
        for g in np.unique(groups):
            spec = int(w.groups.spec[g])
            mine = rows[groups == g]
            for i, step in self.steps[spec]:
                if step.on == event:
                    self._fire_after(int(g), i, step, mine)

    def _fire_after(self, g: int, i: int, step: SopStep, rows: np.ndarray | None) -> None:
        if step.after:
            self.w.env.process(self._delayed(g, i, step, rows))
        else:
            self.fire(g, i, step, rows)

    def _delayed(self, g: int, i: int, step: SopStep, rows: np.ndarray | None) -> Generator[Any, Any, None]:
        yield self.w.env.timeout(step.after or 0.0)  # only steps with a delay come here
        if self.w.groups.alive[g] and self.w.env.now < self.w.horizon:
            self.fire(g, i, step, rows)

    # ------------------------------------------------------------------ firing

    def fire(self, g: int, i: int, step: SopStep, targets: np.ndarray | None) -> None:
        """Filter the targets and hand the step to the operators."""
        w = self.w
        spec = int(w.groups.spec[g])
        task = self._tasks.get((spec, i))
        if task is None:
            action = w.params.actions[step.do]
            automated = step.automated if step.automated is not None else (
                action.automatable and bool(w.spec_automated[spec]))
            minutes = step.minutes if step.minutes is not None else action.minutes
            sized = step.min_size is not None or step.max_size is not None
            filtered = step.segment is not None or step.tag is not None or step.stop_when == "bought"
            task = self._tasks[(spec, i)] = (automated, minutes, f"{w.specs[spec].sop}.{i}", sized, filtered)
        automated, minutes, label, sized, filtered = task
        if sized:
            count = int(w.groups.count[g])
            if step.min_size is not None and count < step.min_size:
                return
            if step.max_size is not None and count > step.max_size:
                return
        if filtered:
            if targets is None:
                targets = w.group_members(g)
            targets = self.filter(targets, step)
        if targets is not None:
            targets = targets[w.pop.state[targets] < population.LEFT] if step.on != "member_leave" else targets
            if targets.size == 0:
                return
        w.operators.submit(g, spec, step.do, automated, minutes, step, targets, label)

    def filter(self, rows: np.ndarray, step: SopStep) -> np.ndarray:
        return self.w.pop.matching(
            rows,
            segment=None if step.segment is None else SEGMENTS.index(step.segment),
            tag_bit=None if step.tag is None else self.tags[step.tag],
            bought=False if step.stop_when == "bought" else None,
        )
